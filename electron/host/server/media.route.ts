import type { FastifyInstance } from 'fastify';
import { isMediaKind, MEDIA_KINDS, VIDEO_MEDIA } from '../../../shared/media.ts';
import type { KindredCore } from '../../core/app.ts';
import { streamVideo } from '../../core/media/video-stream.ts';
import { fail } from './reply.ts';

/**
 * GET /media/<kind>/<id> (kinds: shared/media.ts): catalogued images by id, from the core's one media
 * source (the Electron protocol uses the same). The id is checked against its kind's schema there;
 * anything else, a path included, is a 400 or a 404 and never touches the file system.
 */
export function mediaRoute(app: FastifyInstance, core: KindredCore): void {
  // A video's original, streamed with Range requests (the player seeks); the static segment wins over :kind.
  app.get(`/media/${VIDEO_MEDIA}/:id`, async (req, reply) => {
    const { id } = req.params as { id: string };
    const got = core.media.video(id);
    if (!got.found) return got.reason === 'invalid_id' ? fail(reply, 'invalid_input', 'Not an asset id.') : fail(reply, 'not_found', 'No video for this id.');
    const out = await streamVideo(got.path, got.mime, req.raw);
    return reply.code(out.status).headers(out.headers).send(out.body);
  });
  app.get('/media/:kind/:id', async (req, reply) => {
    const { kind, id } = req.params as { kind: string; id: string };
    if (!isMediaKind(kind)) return fail(reply, 'not_found', 'No such kind of media.');
    const got = await core.media.get(kind, id);
    if (!got.found) {
      return got.reason === 'invalid_id'
        ? fail(reply, 'invalid_input', `Not ${MEDIA_KINDS[kind].idPrefix === 'face' ? 'a face' : 'an asset'} id.`)
        : fail(reply, 'not_found', `No ${kind} for this id.`);
    }
    reply.header('ETag', got.etag).header('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === got.etag) return reply.code(304).send();
    return reply.type(got.mime).send(got.body);
  });
}

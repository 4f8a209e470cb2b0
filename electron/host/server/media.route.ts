import type { FastifyInstance } from 'fastify';
import { isImageKind, isMediaKind, MEDIA_KINDS } from '../../../shared/media.ts';
import type { KindredCore } from '../../core/app.ts';
import { streamVideo } from '../../core/media/video-stream.ts';
import { fail } from './reply.ts';

/**
 * GET /media/<kind>/<id> (kinds: shared/media.ts): catalogued images by id, from the core's one media
 * source (the Electron protocol uses the same). The id is checked against its kind's schema there;
 * anything else, a path included, is a 400 or a 404 and never touches the file system.
 */
export function mediaRoute(app: FastifyInstance, core: KindredCore): void {
  app.get('/media/:kind/:id', async (req, reply) => {
    const { kind, id } = req.params as { kind: string; id: string };
    if (!isMediaKind(kind)) return fail(reply, 'not_found', 'No such kind of media.');
    if (!isImageKind(kind)) {
      // An original (a video), streamed from its file with Range requests: the player seeks.
      const got = core.media.original(kind, id);
      if (!got.found) return got.reason === 'invalid_id' ? fail(reply, 'invalid_input', 'Not an asset id.') : fail(reply, 'not_found', `No ${kind} for this id.`);
      const out = await streamVideo(got.path, got.mime, req.raw);
      return reply.code(out.status).headers(out.headers).send(out.body);
    }
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

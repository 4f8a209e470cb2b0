import type { FastifyInstance } from 'fastify';
import { HTTP_MEDIA_KINDS, type HttpMediaKind } from '../../../shared/bridge.ts';
import type { KindredCore } from '../../core/app.ts';
import { MediaSource } from '../../core/media/media-source.ts';
import { fail } from './reply.ts';

/**
 * GET /media/<thumb|face|photo>/<id>: catalogued images by id, from the shared media source (the same
 * one the Electron protocol uses). The id is checked against its kind's schema there; anything else,
 * a path included, is a 400 or a 404 and never touches the file system.
 */
export function mediaRoute(app: FastifyInstance, core: KindredCore): void {
  const media = new MediaSource(core.catalogue, core.layout.cacheDir);

  app.get('/media/:kind/:id', async (req, reply) => {
    const { kind, id } = req.params as { kind: string; id: string };
    if (!HTTP_MEDIA_KINDS.includes(kind as HttpMediaKind)) return fail(reply, 'not_found', 'No such kind of media.');
    const got = await media.get(kind as HttpMediaKind, id);
    if (!got.found) {
      return got.reason === 'invalid_id'
        ? fail(reply, 'invalid_input', `Not a ${kind === 'face' ? 'face' : 'photo'} id.`)
        : fail(reply, 'not_found', `No ${kind} for this id.`);
    }
    reply.header('ETag', got.etag).header('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === got.etag) return reply.code(304).send();
    return reply.type(got.mime).send(got.body);
  });
}

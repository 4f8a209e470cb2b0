import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiKey } from '../../../shared/domain/api-key.ts';
import { KindredError } from '../../../shared/errors.ts';
import { isBinary, type Invoke, type RestApi, type RestRoute, type Upload } from '../../../shared/rest/define.ts';
import { restRoutes } from '../../../shared/rest/routes.ts';
import type { KindredCore } from '../../core/app.ts';
import { toKindredError } from '../../core/errors.ts';
import { apiFail } from './api-error.ts';
import { presentedKey } from './api-key-header.ts';
import { fastifyPath } from './api-paths.ts';
import { buildOpenApi } from './openapi.ts';
import { parsePart } from './parse-part.ts';
import { checkScope } from './scope.ts';

export interface ApiPluginOptions {
  core: KindredCore;
  /** Check every reply against its route's schema (tests turn this on). */
  validateReplies?: boolean;
  routes?: readonly RestRoute[];
}

/** Images up to this size may be uploaded (detect, profile images): a 50-MP JPEG fits. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** JSON bodies are small: ids, names, boxes. */
const MAX_JSON_BYTES = 256 * 1024;

interface RouteConfig {
  api?: RestApi;
  public?: boolean;
}

const configOf = (req: FastifyRequest): RouteConfig => (req.routeOptions.config ?? {}) as RouteConfig;

/**
 * The local REST API as a Fastify plugin: every route of shared/rest, behind API keys, with the
 * key's library scope, schema-checked input and one error envelope. Mounted by `kindred serve` next to
 * the UI, and on its own by the desktop app when the user switches the API on.
 */
export async function apiPlugin(app: FastifyInstance, opts: ApiPluginOptions): Promise<void> {
  const { core } = opts;
  const routes = opts.routes ?? restRoutes;
  const keys = new WeakMap<FastifyRequest, ApiKey>();
  const invoke: Invoke = (op, input) => core.invoke(op, input);

  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 21 } });
  const raw = (_req: FastifyRequest, body: Buffer | string, done: (err: null, body: Buffer | string) => void) => done(null, body);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, raw);
  app.addContentTypeParser(/^image\//, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, raw);

  app.addHook('onRequest', async (req, reply) => {
    const { api, public: open } = configOf(req);
    if (open) return undefined;
    const secret = presentedKey(req, api);
    if (!secret) return apiFail(reply, api, new KindredError('unauthorized', `Send an API key in the X-API-Key header${api === 'face' ? ' (or Ocp-Apim-Subscription-Key)' : ''}; create one with \`kindred api-key create\` or in Settings.`));
    const key = core.catalogue.apiKeys.verify(secret);
    if (!key) return apiFail(reply, api, new KindredError('unauthorized', 'This API key is not valid, or it was revoked.'));
    keys.set(req, key);
    return undefined;
  });

  app.setErrorHandler((err, req, reply) => failWith(reply, configOf(req).api, err));

  const openapi = buildOpenApi(routes);
  app.get('/api/openapi.json', { config: { public: true } satisfies RouteConfig }, async () => openapi);

  for (const r of routes) {
    app.route({
      method: r.method,
      url: fastifyPath(r.path),
      config: { api: r.api } satisfies RouteConfig,
      bodyLimit: r.body && r.body.kind !== 'json' ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES,
      handler: async (req, reply) => {
        try {
          return await serve(r, req, reply);
        } catch (err) {
          return failWith(reply, r.api, err);
        }
      },
    });
  }

  // An API path that is not a route: 404 in the API's envelope (after the key check, so routes cannot be probed).
  for (const prefix of ['/api/*', '/face/v1.0/*']) {
    app.all(prefix, { config: { api: prefix.startsWith('/face') ? 'face' : 'photo' } satisfies RouteConfig }, async (req, reply) =>
      apiFail(reply, configOf(req).api, new KindredError('not_found', `No route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}.`)),
    );
  }

  async function serve(r: RestRoute, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const key = keys.get(req)!;
    const params = parsePart(r.params, req.params, 'path');
    const query = parsePart(r.query, req.query, 'query');
    const { body, upload } = await readBody(r, req);
    checkScope(core.catalogue, key.library_id, params, query, body);
    const origin = `${req.protocol}://${req.headers.host ?? req.host}`;
    const out = await r.handle({ params, query, body, upload, scope: key.library_id, origin }, invoke);
    if (isBinary(out)) return reply.code(r.status ?? 200).header('Cache-Control', 'private, no-cache').type(out.mime).send(Buffer.from(out.bytes));
    if (opts.validateReplies && r.response !== 'binary') {
      const checked = (r.response as z.ZodType).safeParse(out);
      if (!checked.success) throw new KindredError('internal', `Reply of ${r.method} ${r.path} broke its schema: ${checked.error.message}`);
    }
    reply.code(r.status ?? 200);
    return out === undefined ? reply.send() : reply.send(out);
  }
}

async function readBody(r: RestRoute, req: FastifyRequest): Promise<{ body: unknown; upload: Upload | null }> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const spec = r.body;
  if (!spec) return { body: undefined, upload: null };
  if (spec.kind === 'multipart') {
    if (!req.isMultipart()) throw new KindredError('unsupported', `Send multipart/form-data with the file in the "${spec.field}" field.`);
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname !== spec.field) continue;
      return { body: undefined, upload: { bytes, mime: part.mimetype || null } };
    }
    throw new KindredError('invalid_input', `Missing the "${spec.field}" file field.`, [{ path: `body.${spec.field}`, message: 'required' }]);
  }
  if (spec.kind === 'image' && Buffer.isBuffer(req.body)) {
    if (req.body.length === 0) throw new KindredError('invalid_input', 'The image body is empty.', [{ path: 'body', message: 'empty' }]);
    return { body: undefined, upload: { bytes: req.body, mime: type.split(';')[0]!.trim() || null } };
  }
  const schema = spec.schema;
  if (!schema || !type.startsWith('application/json')) {
    const wanted = spec.kind === 'image' ? `image bytes (application/octet-stream or image/*)${schema ? ' or application/json' : ''}` : 'application/json';
    throw new KindredError('unsupported', `Send the body as ${wanted}.`);
  }
  return { body: parsePart(schema, req.body, 'body'), upload: null };
}

/** Any failure, Fastify's own refusals (bad JSON, too large, wrong content type) included, in the API's envelope. */
function failWith(reply: FastifyReply, api: RestApi | undefined, err: unknown): FastifyReply {
  const tooLarge = !(err instanceof KindredError) && (err as { statusCode?: number }).statusCode === 413;
  return tooLarge ? apiFail(reply, api, new KindredError('invalid_input', `The body is too large (at most ${MAX_UPLOAD_BYTES / 1048576} MB for images, ${MAX_JSON_BYTES / 1024} KB for JSON).`), 413) : apiFail(reply, api, frameworkError(err));
}

function frameworkError(err: unknown): KindredError {
  if (err instanceof KindredError) return err;
  const status = (err as { statusCode?: number }).statusCode ?? 500;
  const message = err instanceof Error ? err.message : 'Bad request.';
  if (status === 415) return new KindredError('unsupported', message);
  if (status >= 400 && status < 500) return new KindredError('invalid_input', message);
  return toKindredError(err);
}

import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiKey } from '../../../shared/domain/api-key.ts';
import { KindredError } from '../../../shared/errors.ts';
import { MAX_JSON_BYTES, MAX_UPLOAD_BYTES, bodyLimitOf, hasHeaders, isBinary, type Invoke, type RestApi, type RestRoute, type Upload } from '../../../shared/rest/define.ts';
import { restRoutes } from '../../../shared/rest/routes.ts';
import type { KindredCore } from '../../core/app.ts';
import { NOT_OURS, type OriginGuard } from '../server/origin-guard.ts';
import { apiFail, failureOf } from './api-error.ts';
import { keyHeadersFor, presentedKey } from './api-key-header.ts';
import { fastifyPath } from './api-paths.ts';
import { buildOpenApi } from './openapi.ts';
import { parsePart } from './parse-part.ts';
import { checkScope } from './scope.ts';

export interface ApiPluginOptions {
  core: KindredCore;
  /** The server's Host/Origin guard: replies' URLs use the origin it vouches for. */
  guard: OriginGuard;
  /** Check every reply against its route's schema (tests turn this on). */
  validateReplies?: boolean;
  routes?: readonly RestRoute[];
}

export { MAX_UPLOAD_BYTES };

/** Room for a multipart body's boundaries and part headers beside the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

interface RouteConfig {
  api?: RestApi;
  public?: boolean;
}

const configOf = (req: FastifyRequest): RouteConfig => (req.routeOptions.config ?? {}) as RouteConfig;

/**
 * The local REST API as a Fastify plugin: every route of shared/rest, behind API keys, with the
 * key's library scope, schema-checked input and one error envelope per API. Mounted by `kindred serve`
 * next to the UI, and on its own by the desktop app when the user switches the API on.
 */
export async function apiPlugin(app: FastifyInstance, opts: ApiPluginOptions): Promise<void> {
  const { core, guard } = opts;
  const routes = opts.routes ?? restRoutes;
  const keys = new WeakMap<FastifyRequest, ApiKey>();

  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 21 } });
  const raw = (_req: FastifyRequest, body: Buffer | string, done: (err: null, body: Buffer | string) => void) => done(null, body);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, raw);
  app.addContentTypeParser(/^image\//, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, raw);
  // Both SDKs send `Content-Type: application/json` with no body on DELETE and train: that is no body, not bad JSON.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_JSON_BYTES }, (req, body, done) =>
    (body as string).length === 0 ? done(null, undefined) : json(req, body as string, done),
  );

  app.addHook('onRequest', async (req, reply) => {
    const { api, public: open } = configOf(req);
    if (!guard.originOf(req.headers.host) || !guard.originAllowed(req.headers.origin)) {
      return apiFail(reply, api, new KindredError('forbidden', NOT_OURS));
    }
    if (open) return undefined;
    const secret = presentedKey(req, api);
    if (!secret) return apiFail(reply, api, new KindredError('unauthorized', `Send an API key in ${keyHeadersFor(api)}; create one with \`kindred api-key create\` or in Settings.`));
    const key = core.catalogue.apiKeys.verify(secret);
    if (!key) return apiFail(reply, api, new KindredError('unauthorized', 'This API key is not valid, or it was revoked.'));
    keys.set(req, key);
    return undefined;
  });

  app.setErrorHandler((err, req, reply) => apiFail(reply, configOf(req).api, ...failureOf(err)));

  const openapi = buildOpenApi(routes);
  app.get('/api/openapi.json', { config: { public: true } satisfies RouteConfig }, async () => openapi);

  for (const r of routes) {
    app.route({
      method: r.method,
      url: fastifyPath(r.path),
      config: { api: r.api } satisfies RouteConfig,
      bodyLimit: bodyLimitOf(r.body),
      handler: async (req, reply) => {
        try {
          return await serve(r, req, reply);
        } catch (err) {
          return apiFail(reply, r.api, ...failureOf(err));
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
    const origin = guard.originOf(req.headers.host)!;
    const answer = await r.handle({ params, query, body, upload, scope: key.library_id, origin }, declaredOnly(r, core));
    if (hasHeaders(answer)) reply.headers(answer.$headers);
    const out = hasHeaders(answer) ? answer.body : answer;
    if (isBinary(out)) return reply.code(r.status ?? 200).header('Cache-Control', 'private, no-cache').type(out.mime).send(Buffer.from(out.bytes));
    if (opts.validateReplies && r.response !== 'binary') {
      const checked = (r.response as z.ZodType).safeParse(out);
      if (!checked.success) throw new KindredError('internal', `Reply of ${r.method} ${r.path} broke its schema: ${checked.error.message}`);
    }
    reply.code(r.status ?? 200);
    return out === undefined ? reply.send() : reply.send(out);
  }
}

/** A route may call exactly the operations it declares: anything else is a bug, refused before it runs. */
function declaredOnly(r: RestRoute, core: KindredCore): Invoke {
  const allowed = new Set<string>(r.ops);
  return (op, input) => {
    if (!allowed.has(op)) return Promise.reject(new KindredError('internal', `${r.method} ${r.path} called ${op}, which it does not declare.`));
    return core.invoke(op, input);
  };
}

async function readBody(r: RestRoute, req: FastifyRequest): Promise<{ body: unknown; upload: Upload | null }> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const spec = r.body;
  if (!spec) return { body: undefined, upload: null };
  if (spec.kind === 'multipart') {
    if (!req.isMultipart()) throw new KindredError('unsupported', `Send multipart/form-data with the file in the "${spec.field}" field.`);
    // Multipart is streamed past Fastify's body limit: a declared length beyond the route's is refused before any of it is read.
    if (Number(req.headers['content-length']) > bodyLimitOf(spec) + MULTIPART_OVERHEAD) throw Object.assign(new Error('too large'), { statusCode: 413 });
    try {
      for await (const part of req.parts({ limits: { fileSize: bodyLimitOf(spec) } })) {
        if (part.type !== 'file') continue;
        const bytes = await part.toBuffer();
        if (part.fieldname !== spec.field) continue;
        return { body: undefined, upload: { bytes, mime: part.mimetype || null } };
      }
    } catch (err) {
      throw multipartError(err);
    }
    throw new KindredError('invalid_input', `Missing the "${spec.field}" file field.`, [{ path: `body.${spec.field}`, message: 'required' }]);
  }
  if (spec.kind === 'image' && Buffer.isBuffer(req.body)) {
    if (req.body.length === 0) throw new KindredError('invalid_input', 'The image body is empty.', [{ path: 'body', message: 'empty' }]);
    return { body: undefined, upload: { bytes: req.body, mime: type.split(';')[0]!.trim() || null } };
  }
  const schema = spec.schema;
  if (spec.kind === 'image' && req.body === undefined) throw new KindredError('invalid_input', `Send the image bytes (application/octet-stream or image/*)${schema ? ' or a JSON body' : ''}.`, [{ path: 'body', message: 'required' }]);
  if (!schema || (!type.startsWith('application/json') && req.body !== undefined)) {
    const wanted = spec.kind === 'image' ? `image bytes (application/octet-stream or image/*)${schema ? ' or application/json' : ''}` : 'application/json';
    throw new KindredError('unsupported', `Send the body as ${wanted}.`);
  }
  return { body: parsePart(schema, req.body, 'body'), upload: null };
}

/** A multipart body that breaks off, lacks its boundary or is not multipart at all is the client's mistake (400); one too large stays a 413. */
function multipartError(err: unknown): unknown {
  if (err instanceof KindredError || (err as { statusCode?: number }).statusCode === 413) return err;
  const message = err instanceof Error ? err.message : 'unreadable';
  return new KindredError('invalid_input', `The multipart body is malformed: ${message}.`, [{ path: 'body', message: 'malformed multipart/form-data' }]);
}

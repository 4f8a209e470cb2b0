import { z } from 'zod';
import { ErrorPayload } from '../../../shared/errors.ts';
import type { RestApi, RestRoute } from '../../../shared/rest/define.ts';

type JsonSchema = Record<string, unknown>;

const API_TAGS: Record<RestApi, { name: string; description: string }> = {
  photo: { name: 'Photo library', description: 'Faces, people, assets and libraries (/api).' },
  identity: { name: 'Identities', description: 'People as identities: search, files, faces, bind/unbind, identity.json, profile images (/api/v1).' },
  face: { name: 'Face', description: 'The cloud face API over local models: detect, verify, identify, find similar, group, person groups, face lists (/face/v1.0).' },
};

/** zod → JSON Schema 2020-12 (what OpenAPI 3.1 uses), describing what a client sends. */
function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(shape: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!(shape instanceof z.ZodObject)) return [];
  return Object.entries(shape.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const schema = schemaOf(field, 'input');
    const required = where === 'path' || !field.safeParse(undefined).success;
    return { name, in: where, required, schema, ...(field.description ? { description: field.description } : {}) };
  });
}

function requestBody(r: RestRoute): JsonSchema | undefined {
  const b = r.body;
  if (!b) return undefined;
  const bytes = { type: 'string', contentMediaType: 'application/octet-stream' };
  if (b.kind === 'json') return { required: true, content: { 'application/json': { schema: schemaOf(b.schema, 'input') } } };
  if (b.kind === 'multipart') {
    return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: [b.field], properties: { [b.field]: bytes } } } } };
  }
  const content: JsonSchema = { 'application/octet-stream': { schema: bytes }, 'image/jpeg': { schema: bytes }, 'image/png': { schema: bytes } };
  if (b.schema) content['application/json'] = { schema: schemaOf(b.schema, 'input') };
  return { required: true, content };
}

const errorReply = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function responses(r: RestRoute): JsonSchema {
  const status = String(r.status ?? 200);
  const ok =
    r.response === 'binary'
      ? { description: 'The image.', content: { 'image/jpeg': {}, 'image/png': {} } }
      : status === '204' || status === '202'
        ? { description: 'Accepted.' }
        : { description: 'Success.', content: { 'application/json': { schema: schemaOf(r.response, 'output') } } };
  return {
    [status]: ok,
    '400': errorReply('Invalid input: `error.issues` lists each field.'),
    '401': errorReply('No API key, or a revoked or unknown one.'),
    '404': errorReply('Not found (or outside the API key’s library).'),
    ...(r.body && r.body.kind !== 'json' ? { '415': errorReply('Unsupported media type.') } : {}),
  };
}

function operationId(r: RestRoute): string {
  const words = r.path
    .replace(/^\/(api|face\/v1\.0)\//, '')
    .replace(/\{[^}]+\}/g, 'by_id')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [r.api, r.method.toLowerCase(), ...words].join('_');
}

/** The OpenAPI 3.1 document of the local REST API, generated from the routes' zod schemas. */
export function buildOpenApi(routes: readonly RestRoute[], version = '0.1.0'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const seen = new Set<string>();
  for (const r of routes) {
    let id = operationId(r);
    while (seen.has(id)) id += '_';
    seen.add(id);
    const params = [...parameters(r.params, 'path'), ...parameters(r.query, 'query')];
    const body = requestBody(r);
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId: id,
      tags: [API_TAGS[r.api].name],
      summary: r.summary,
      description: [r.description, `Kindred operations: ${r.ops.map((o) => `\`${o}\``).join(', ') || 'none'}.`].filter(Boolean).join('\n\n'),
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(r),
      security: r.api === 'face' ? [{ ApiKey: [] }, { SubscriptionKey: [] }] : [{ ApiKey: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kindred local API',
      version,
      description:
        'The local REST API of Kindred: a photo-library API (/api), an identity API (/api/v1) and the cloud face API (/face/v1.0), all over the same operations as the app. Bound to 127.0.0.1 unless you choose otherwise; every route needs an API key.',
    },
    servers: [{ url: 'http://127.0.0.1:7879', description: 'The desktop app’s default; `kindred serve` prints its own.' }],
    tags: Object.values(API_TAGS),
    paths,
    components: {
      schemas: { Error: { type: 'object', required: ['error'], properties: { success: { type: 'boolean' }, error: schemaOf(ErrorPayload, 'output') } } },
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        SubscriptionKey: { type: 'apiKey', in: 'header', name: 'Ocp-Apim-Subscription-Key' },
      },
    },
  };
}

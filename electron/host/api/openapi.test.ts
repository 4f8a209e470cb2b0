import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { isOpName } from '../../../shared/contract.ts';
import { restRoutes } from '../../../shared/rest/routes.ts';
import { KindredCore } from '../../core/app.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { startApiTestServer, type ApiTestServer } from './testing.ts';

let api: ApiTestServer;
before(async () => {
  api = await startApiTestServer(new KindredCore({ dataDir: join(tempDir(), 'data') }));
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

test('/api/openapi.json is a valid OpenAPI 3.1 document, served without a key', async () => {
  const res = await fetch(`${api.origin}/api/openapi.json`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; security: unknown[] }>> };
  assert.match(doc.openapi, /^3\.1\./);
  const result = await new Validator().validate(structuredClone(doc) as Parameters<Validator['validate']>[0]);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 3000));
  // Every route is documented once, under its own method, and needs a key.
  for (const r of restRoutes) {
    const entry = doc.paths[r.path]?.[r.method.toLowerCase()];
    assert.ok(entry, `${r.method} ${r.path} is documented`);
    assert.ok(entry.security.length > 0);
  }
  const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
});

test('routes are unique and call only operations of the contract', () => {
  const seen = new Set<string>();
  for (const r of restRoutes) {
    const key = `${r.method} ${r.path}`;
    assert.ok(!seen.has(key), `${key} declared twice`);
    seen.add(key);
    assert.ok(r.ops.length > 0 || r.path.includes('/train'), `${key} names the operations it uses`);
    for (const op of r.ops) assert.ok(isOpName(op), `${key} uses ${op}, which the contract does not have`);
    assert.ok(r.path.startsWith('/api/') || r.path.startsWith('/face/v1.0/'), `${key} lives under an API prefix`);
  }
});

/** Bodies that follow a reference which says unknown fields are allowed. */
const LOOSE_BODIES = new Set([
  // identity.json as the identity API writes it to disk: "the same format", whatever else a file carries.
  'POST /api/v1/identity/upload',
]);

/** Every object a JSON body may hold, with where it sits. */
function objectsIn(schema: unknown, at: string, out: Array<{ at: string; node: Record<string, unknown> }>): typeof out {
  if (Array.isArray(schema)) schema.forEach((s, i) => objectsIn(s, `${at}[${i}]`, out));
  else if (schema && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    if (node.type === 'object' && node.properties) out.push({ at, node });
    for (const [k, v] of Object.entries(node)) if (k !== 'properties' || typeof v !== 'object') objectsIn(v, `${at}.${k}`, out);
    if (node.properties) for (const [k, v] of Object.entries(node.properties as object)) objectsIn(v, `${at}.${k}`, out);
  }
  return out;
}

test('every JSON body is strict: an unknown field is a 400, not silently dropped (unless its reference says otherwise)', async () => {
  const doc = (await (await fetch(`${api.origin}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
  let bodies = 0;
  for (const r of restRoutes) {
    const json = doc.paths[r.path]![r.method.toLowerCase()]!.requestBody?.content['application/json'];
    if (!json || LOOSE_BODIES.has(`${r.method} ${r.path}`)) continue;
    bodies++;
    for (const { at, node } of objectsIn(json.schema, 'body', [])) {
      assert.equal(node.additionalProperties, false, `${r.method} ${r.path}: ${at} accepts unknown fields`);
    }
  }
  assert.ok(bodies > 20, `${bodies} JSON bodies checked`);
  // The case that was silently dropped: face_ids on POST /api/people.
  await api.core.invoke('libraries.create', { name: 'Home' });
  const r = await api.json('POST', '/api/people', { name: 'Alice', face_ids: ['face_0000000000aaaaaaaaaaaaaaaa'] });
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.match(r.body.error.message, /face_ids/);
});

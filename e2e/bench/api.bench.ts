// npm run bench:api — the local REST API over a real catalogue (faces-dev: 40 identities × 3 photos,
// imported through the pipeline), on a real server with a real key, driven by HTTP from this process.
// Prints latency percentiles per route and what a "who is at the door?" round trip (detect +
// identify on a photo that was never imported) costs and finds; asserts nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KindredCore } from '../../electron/core/app.ts';
import { copyInto, identitiesWith } from '../../electron/core/testing/fixtures.ts';
import { createApiServer } from '../../electron/host/api/api-server.ts';
import { importPhotos } from '../../electron/host/api/testing.ts';

const root = mkdtempSync(join(tmpdir(), 'kindred-api-bench-'));
const ids = identitiesWith(4, 40);
for (const id of ids) copyInto(join(root, 'photos', id.name), id.files.slice(0, 3));
const core = new KindredCore({ dataDir: join(root, 'data') });
let t = performance.now();
await importPhotos(core, join(root, 'photos'), 'Bench');
const lib = (await core.invoke('libraries.list', {}))[0]!;
console.log(`catalogue: ${lib.asset_count} photos, ${lib.face_count} faces, ${lib.people_count} people, imported in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const server = createApiServer({ core });
const { origin } = await server.listen(0);
const { secret } = await core.invoke('api_keys.create', { name: 'bench' });
const headers = { 'x-api-key': secret };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
async function measure(label: string, n: number, run: () => Promise<Response>): Promise<void> {
  await (await run()).arrayBuffer(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await run();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} n=${String(n).padStart(3)}  p50 ${pct(ms, 50).toFixed(1)} ms  p95 ${pct(ms, 95).toFixed(1)} ms`);
}

const person = (await core.invoke('people.list', { limit: 1 })).items[0]!;
const face = (await core.invoke('faces.list', { limit: 1 })).items[0]!;
await measure('GET /api/faces?limit=100', 200, () => fetch(`${origin}/api/faces?limit=100`, { headers }));
await measure('GET /api/faces?limit=100&include=cluster_assignment', 50, () => fetch(`${origin}/api/faces?limit=100&include=cluster_assignment`, { headers }));
await measure('GET /api/people', 200, () => fetch(`${origin}/api/people`, { headers }));
await measure('GET /api/v1/identities?page_size=20', 200, () => fetch(`${origin}/api/v1/identities?page_size=20`, { headers }));
await measure('GET /api/v1/identity/{id}/files', 200, () => fetch(`${origin}/api/v1/identity/${person.id}/files`, { headers }));
await measure('GET /api/faces/{id}/thumbnail', 200, () => fetch(`${origin}/api/faces/${face.id}/thumbnail`, { headers }));

// The door: the 4th photo of each identity was never imported.
const door = ids.map((id) => readFileSync(id.files[3]!));
const json = { ...headers, 'content-type': 'application/json' };
const bytes = { ...headers, 'content-type': 'application/octet-stream' };
let i = 0;
await measure('POST /face/v1.0/detect (250×250 JPEG)', 40, () => fetch(`${origin}/face/v1.0/detect`, { method: 'POST', headers: bytes, body: door[i++ % door.length]! }));

let right = 0;
let asked = 0;
const roundTrips: number[] = [];
for (const [k, photo] of door.entries()) {
  t = performance.now();
  const found = (await (await fetch(`${origin}/face/v1.0/detect`, { method: 'POST', headers: bytes, body: photo })).json()) as Array<{ faceId: string }>;
  if (!found[0]) continue;
  const who = (await (await fetch(`${origin}/face/v1.0/identify`, { method: 'POST', headers: json, body: JSON.stringify({ faceIds: [found[0].faceId], personGroupId: lib.id }) })).json()) as Array<{ candidates: Array<{ personId: string }> }>;
  roundTrips.push(performance.now() - t);
  asked++;
  const top = who[0]?.candidates[0]?.personId;
  if (!top) continue;
  const faces = (await core.invoke('faces.list', { person_id: top as `person_${string}`, limit: 50 })).items;
  if (faces.some((f) => core.catalogue.assets.path(f.asset_id)?.includes(`/${ids[k]!.name}/`))) right++;
}
console.log(`who is at the door (detect + identify, largest face): ${asked} photos, top candidate right for ${right} (${((100 * right) / Math.max(1, asked)).toFixed(0)}%), round trip p50 ${pct(roundTrips, 50).toFixed(1)} ms, p95 ${pct(roundTrips, 95).toFixed(1)} ms`);

await server.close();
await core.close();
rmSync(root, { recursive: true, force: true });

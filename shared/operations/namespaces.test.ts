import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { opNames } from '../contract.ts';

// Where is `jobs.wait` declared, and where is it handled? The name says: shared/operations/jobs*.ops.ts
// and electron/core/ops/jobs*.handlers.ts. A file `<namespace>[.<topic>].ops.ts` holds operations of
// that one namespace, and its handlers live in the file of the same name.
const here = fileURLToPath(new URL('.', import.meta.url));
const handlersDir = join(here, '../../electron/core/ops');
const opFiles = readdirSync(here).filter((f) => f.endsWith('.ops.ts'));

const isOpMap = (v: unknown): v is Record<string, { input: unknown; output: unknown }> =>
  typeof v === 'object' && v !== null && Object.values(v).length > 0 && Object.values(v).every((d) => typeof d === 'object' && d !== null && 'input' in d && 'output' in d && 'access' in d);

test('every operation sits in the file named after its namespace, once, and is in the contract', async () => {
  const seen = new Map<string, string>();
  const misplaced: string[] = [];
  for (const file of opFiles) {
    const namespace = file.split('.')[0]!.replaceAll('-', '_');
    const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
    for (const map of Object.values(mod).filter(isOpMap)) {
      for (const name of Object.keys(map)) {
        assert.ok(!seen.has(name), `${name} is declared in ${seen.get(name)} and ${file}`);
        seen.set(name, file);
        if (!name.startsWith(`${namespace}.`)) misplaced.push(`${name} in ${file}`);
      }
    }
  }
  assert.deepEqual(misplaced, []);
  assert.deepEqual([...seen.keys()].sort(), [...opNames].sort(), 'the contract joins exactly the operation files');
});

test('each operation file has its handler file, typed from that file’s map', async () => {
  for (const file of opFiles) {
    const stem = file.slice(0, -'.ops.ts'.length);
    const handlers = join(handlersDir, `${stem}.handlers.ts`);
    assert.ok(existsSync(handlers), `${stem}.ops.ts has no electron/core/ops/${stem}.handlers.ts`);
    const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
    const mapName = Object.keys(mod).find((k) => isOpMap(mod[k]))!;
    const src = readFileSync(handlers, 'utf8');
    assert.match(src, new RegExp(`HandlersOf<typeof ${mapName}>`), `${stem}.handlers.ts is typed HandlersOf<typeof ${mapName}>`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Repositories own all SQL: a statement anywhere else in the product is a table's rules written twice.
// Tests and test support (fixtures, the fault harness, state dumps) may read tables directly.
const electronDir = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

function* productFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'testing' && e.name !== 'node_modules') yield* productFiles(path);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) yield path;
  }
}

test('no SQL outside electron/core/catalogue', () => {
  const statement = /\.(prepare|exec|pragma)\(\s*[`'"]|\b(SELECT|UPDATE|INSERT INTO|DELETE FROM)\s+[\w*]/;
  const offenders: string[] = [];
  for (const file of productFiles(electronDir)) {
    if (file.startsWith(here)) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (statement.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${relative(electronDir, file)}:${i + 1}`);
    });
  }
  assert.deepEqual(offenders, []);
});

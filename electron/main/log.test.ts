import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { createLog } from './log.ts';

const dir = mkdtempSync(join(tmpdir(), 'kindred-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('writes stderr and a file, keeping the previous run as .old', () => {
  const err = new PassThrough();
  let text = '';
  err.on('data', (c: Buffer) => (text += c.toString()));
  const first = createLog(join(dir, 'logs'), err);
  first('one');
  const second = createLog(join(dir, 'logs'), err);
  second('two');
  assert.equal(second.file, join(dir, 'logs', 'kindred.log'));
  assert.match(readFileSync(join(dir, 'logs', 'kindred.log'), 'utf8'), /Z two\n$/);
  assert.match(readFileSync(join(dir, 'logs', 'kindred.log.old'), 'utf8'), /Z one\n$/);
  assert.equal(text, 'kindred: one\nkindred: two\n');
});

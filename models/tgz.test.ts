import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tgzEntry } from './tgz.ts';

// Hand-built archives: covers the header variants npm and other packers emit without relying on a system tar.
function header(name: string, size: number, type: string, prefix = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  h.write(prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
const entry = (name: string, data: Buffer, type = '0', prefix = ''): Buffer => Buffer.concat([header(name, data.length, type, prefix), pad(data)]);
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return `${len}${body}`;
}
const tgz = (...parts: Buffer[]): Buffer => gzipSync(Buffer.concat([...parts, Buffer.alloc(1024)]));

const dir = await mkdtemp(join(tmpdir(), 'kindred-tgz-test-'));
after(() => rm(dir, { recursive: true, force: true }));

async function read(archive: Buffer, path: string): Promise<Buffer> {
  const file = join(dir, `${randomBytes(4).toString('hex')}.tgz`);
  await writeFile(file, archive);
  const parts: Buffer[] = [];
  for await (const b of tgzEntry(file, path)) parts.push(b);
  return Buffer.concat(parts);
}

test('finds a file by its path inside the package folder, skipping others', async () => {
  const big = randomBytes(300_000);
  const archive = tgz(entry('package/README.md', Buffer.from('hi')), entry('package/model', Buffer.alloc(0), '5'), entry('package/model/x.onnx', big));
  assert.deepEqual(await read(archive, 'model/x.onnx'), big);
  assert.deepEqual(await read(archive, 'README.md'), Buffer.from('hi'));
});

test('long names: ustar prefix, pax path and GNU long name', async () => {
  const deep = `${'d'.repeat(120)}/w.onnx`;
  const data = randomBytes(1000);
  assert.deepEqual(await read(tgz(entry('w.onnx', data, '0', `package/${'d'.repeat(120)}`)), deep), data);
  const pax = Buffer.from(paxRecord('path', `package/${deep}`));
  assert.deepEqual(await read(tgz(entry('PaxHeader', pax, 'x'), entry('truncated', data)), deep), data);
  const gnu = Buffer.from(`package/${deep}\0`);
  assert.deepEqual(await read(tgz(entry('././@LongLink', gnu, 'L'), entry('truncated', data)), deep), data);
});

test('a missing entry or a truncated archive is an error, not an empty file', async () => {
  await assert.rejects(read(tgz(entry('package/a', Buffer.from('a'))), 'model/x.onnx'), /model\/x\.onnx is not in/);
  const cut = gzipSync(entry('package/model/x.onnx', randomBytes(5000)).subarray(0, 2048));
  await assert.rejects(read(cut, 'model/x.onnx'), /ends inside an entry/);
  await assert.rejects(read(Buffer.from('not gzip'), 'model/x.onnx'), /incorrect header check/);
});

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

// A minimal streaming tar reader: enough for npm tarballs (ustar with pax or GNU long names),
// so fetching one file from a package needs no extra dependency and no system `tar`.

const BLOCK = 512;

class Reader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly source: AsyncIterator<Buffer>;

  constructor(source: AsyncIterator<Buffer>) {
    this.source = source;
  }

  private async pull(): Promise<boolean> {
    const r = await this.source.next();
    if (r.done) return false;
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    return true;
  }

  async take(n: number): Promise<Buffer | null> {
    while (this.buf.length < n) if (!(await this.pull())) return null;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Yields the next n bytes as they arrive, without buffering them all. */
  async *stream(n: number): AsyncGenerator<Buffer> {
    while (n > 0) {
      if (!this.buf.length && !(await this.pull())) throw new Error('tarball ends inside an entry');
      const part = this.buf.subarray(0, Math.min(n, this.buf.length));
      this.buf = this.buf.subarray(part.length);
      n -= part.length;
      yield part;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const _ of this.stream(n));
  }
}

const text = (b: Buffer): string => {
  const end = b.indexOf(0);
  return b.subarray(0, end < 0 ? b.length : end).toString('utf8');
};

function sizeField(b: Buffer): number {
  // GNU base-256 for sizes that do not fit in 11 octal digits.
  if (b[0]! & 0x80) return Number(b.readBigUInt64BE(b.length - 8));
  return parseInt(text(b).trim() || '0', 8);
}

function paxRecords(b: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < b.length) {
    const space = b.indexOf(0x20, at);
    if (space < 0) break;
    const len = parseInt(b.toString('utf8', at, space), 10);
    if (!(len > 0)) break;
    const record = b.toString('utf8', space + 1, at + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += len;
  }
  return out;
}

/** The path inside the package, i.e. without the tarball's top folder ("package/" for npm). */
const withinPackage = (name: string): string => name.replace(/^\.?\/?[^/]+\//, '');

/**
 * Streams the bytes of the regular file at `entryPath` (relative to the package root) out of
 * a .tgz. Throws if the archive has no such file.
 */
export async function* tgzEntry(tgzPath: string, entryPath: string): AsyncGenerator<Buffer> {
  const file = createReadStream(tgzPath);
  const gunzip = createGunzip();
  file.on('error', (e) => gunzip.destroy(e));
  file.pipe(gunzip);
  const reader = new Reader(gunzip[Symbol.asyncIterator]());
  try {
    let pax = new Map<string, string>();
    let longName: string | undefined;
    for (;;) {
      const header = await reader.take(BLOCK);
      if (!header || header.every((x) => x === 0)) break;
      const type = String.fromCharCode(header[156]!);
      const size = Number(pax.get('size') ?? sizeField(header.subarray(124, 136)));
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (type === 'x' || type === 'L') {
        const body = await reader.take(padded);
        if (!body) break;
        if (type === 'x') pax = paxRecords(body.subarray(0, size));
        else longName = text(body.subarray(0, size));
        continue;
      }
      const prefix = text(header.subarray(345, 500));
      const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
      pax = new Map();
      longName = undefined;
      if ((type === '0' || type === '\0') && withinPackage(name) === entryPath) {
        yield* reader.stream(size);
        return;
      }
      await reader.skip(padded);
    }
    throw new Error(`${entryPath} is not in ${tgzPath}`);
  } finally {
    gunzip.destroy();
    file.destroy();
  }
}

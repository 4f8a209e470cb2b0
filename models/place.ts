import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ModelEntry } from './manifest.ts';

export class ChecksumError extends Error {
  override name = 'ChecksumError';
}

/**
 * Streams `bytes` into a temp file beside the final one, hashing as it goes, and renames it into
 * place only if size and sha256 match. A bad copy never becomes visible under the model's name.
 */
export async function placeVerified(
  bytes: AsyncIterable<Uint8Array>,
  model: Pick<ModelEntry, 'file' | 'sha256' | 'size'>,
  cacheDir: string,
): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  const final = join(cacheDir, model.file);
  // Same directory as the target so rename() is atomic; the dot-prefix keeps it out of the way.
  const temp = join(cacheDir, `.${model.file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  const hash = createHash('sha256');
  let size = 0;
  // Opened before any byte is awaited: a stream that opened lazily could create the file after a
  // failed download had already cleaned up, leaving a stray .partial behind.
  const file = await open(temp, 'wx');
  try {
    await pipeline(
      bytes,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          size += chunk.byteLength;
          // Stop early instead of filling the disk with something that cannot be right.
          if (size > model.size) throw new ChecksumError(`larger than the expected ${model.size} bytes`);
          hash.update(chunk);
          yield chunk;
        }
      },
      file.createWriteStream(),
    );
    if (size !== model.size) throw new ChecksumError(`size ${size} bytes, expected ${model.size}`);
    const got = hash.digest('hex');
    if (got !== model.sha256) throw new ChecksumError(`sha256 mismatch: expected ${model.sha256}, got ${got}`);
    await rename(temp, final);
    return final;
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  }
}

/** Removes a bad cached copy; chmod first because Windows refuses to unlink read-only files. */
export async function discard(path: string): Promise<void> {
  await chmod(path, 0o644).catch(() => undefined);
  await rm(path, { force: true });
}

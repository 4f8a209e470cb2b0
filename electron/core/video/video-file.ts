import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { AssetId } from '../../../shared/ids.ts';
import { VIDEO_MIME } from '../pipeline/formats.ts';
import type { StageTimings } from '../pipeline/analyze.ts';
import { probeVideo, type VideoProbe } from './probe-video.ts';

/** What the first look at a video file gives: who it is (hash) and what is in it (probe). Its faces come window by window. */
export interface VideoFound {
  ok: true;
  video: true;
  assetId: AssetId;
  contentHash: string;
  probe: VideoProbe;
  timings: StageTimings;
}

const SNIFF_BYTES = 4100;

/** The video type of a file by its first bytes, or null when it is not a video we catalogue. */
export async function sniffVideo(path: string): Promise<string | null> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const type = await fileTypeFromBuffer(buf.subarray(0, bytesRead));
    return type && VIDEO_MIME.has(type.mime) ? type.mime : null;
  } finally {
    await fh.close();
  }
}

/** Hash (streamed: videos are big) and probe a video. */
export async function findVideo(assetId: AssetId, path: string, mime: string): Promise<VideoFound> {
  const t0 = performance.now();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  const t1 = performance.now();
  const probe = await probeVideo(path, mime);
  return { ok: true, video: true, assetId, contentHash: hash.digest('hex'), probe, timings: { read: 0, hash: t1 - t0, probe: performance.now() - t1 } };
}

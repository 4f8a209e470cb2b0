// The generated video set of the video evaluation and benchmark: real faces-dev photos composed into
// videos with ffmpeg, with known on-screen ranges per identity (the ground truth). Made once per
// machine into a cache folder (the content is fully decided by the specs below), never committed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaceDetector } from '../../electron/core/vision/face-detector.ts';
import { decodeUpright } from '../../electron/core/pipeline/decode.ts';
import { readFile } from 'node:fs/promises';
import { resolveVisionModels } from '../../electron/core/vision-models.ts';
import { identitiesWith } from '../../electron/core/testing/fixtures.ts';
import { makeVideo, srtText, type Appearance, type VideoSpec } from '../../electron/core/testing/videos.ts';

export const CACHE = join(tmpdir(), 'kindred-video-set-v1');

export interface SetVideo {
  file: string;
  spec: VideoSpec;
}

export interface VideoSet {
  folder: string;
  videos: SetVideo[];
  /** Photos of the same identities beside the videos: a library has both. */
  photos: Array<{ identity: string; file: string }>;
}

interface Cast {
  name: string;
  /** Photos with exactly one face (so an appearance is one face): the first few go in videos, the rest are stills. */
  files: string[];
}

/** Identities with enough single-face photos, in a fixed order. */
async function cast(count: number): Promise<Cast[]> {
  const models = await resolveVisionModels();
  const detector = await FaceDetector.create(models.detector.path, { threads: 1 });
  const out: Cast[] = [];
  for (const id of identitiesWith(8, 40)) {
    const single: string[] = [];
    for (const f of id.files) {
      const buf = await readFile(f);
      const img = await decodeUpright(buf, { maxSide: 1024, maxPixels: 50e6, mime: 'image/jpeg' });
      if ((await detector.detect(img, { maxSide: 1024 })).length === 1) single.push(f);
    }
    if (single.length >= 6) out.push({ name: id.name, files: single });
    if (out.length === count) break;
  }
  await detector.release();
  return out;
}

const at = (c: Cast, i: number, a: Omit<Appearance, 'identity' | 'photo'>): Appearance => ({ identity: c.name, photo: c.files[i]!, ...a });

/** The evaluation set: four videos, four people, one rotated, one with a sidecar .srt, one with a subtitle stream. */
export async function evalSet(): Promise<VideoSet> {
  const folder = join(CACHE, 'eval');
  const [A, B, C, D] = (await cast(4)) as [Cast, Cast, Cast, Cast];
  const videos: SetVideo[] = [
    {
      file: 'two-people.mp4',
      spec: { width: 1920, height: 1080, fps: 30, seconds: 20, container: 'mp4', codec: 'h264', audio: true, creationTime: '2023-07-14T16:20:00Z',
        appearances: [at(A, 0, { from: 2, to: 8, x: 300, y: 260, size: 420, dx: 25 }), at(B, 0, { from: 5, to: 15, x: 1150, y: 200, size: 380, dy: 12 })] },
    },
    {
      file: 'portrait.mov',
      spec: { width: 1080, height: 1920, fps: 30, seconds: 12, container: 'mov', codec: 'hevc', rotate: 90, audio: true,
        appearances: [at(A, 1, { from: 1, to: 6, x: 200, y: 300, size: 500 }), at(C, 0, { from: 4, to: 11, x: 300, y: 1100, size: 450, dx: -10 })] },
    },
    {
      // A leaves and comes back: two tracks of one person in one video.
      file: 'comes-back.mkv',
      spec: { width: 1280, height: 720, fps: 25, seconds: 16, container: 'mkv', codec: 'h264', audio: true,
        subtitles: [{ from: 1.5, to: 3, text: 'There you are.' }, { from: 9.5, to: 11, text: 'Back again?' }],
        appearances: [at(A, 2, { from: 1, to: 4, x: 150, y: 200, size: 300 }), at(A, 2, { from: 9, to: 13, x: 200, y: 220, size: 300 }), at(D, 0, { from: 0, to: 7, x: 800, y: 150, size: 320, dx: -20 })] },
    },
    {
      file: 'garden.webm',
      spec: { width: 960, height: 540, fps: 30, seconds: 10, container: 'webm', codec: 'vp9', audio: true,
        appearances: [at(B, 1, { from: 2, to: 9, x: 100, y: 100, size: 240, dx: 30 }), at(D, 1, { from: 0, to: 5, x: 600, y: 150, size: 220 })] },
    },
  ];
  for (const v of videos) await makeVideo(join(folder, v.file), v.spec);
  const sidecar = join(folder, 'two-people.srt');
  if (!existsSync(sidecar)) writeFileSync(sidecar, srtText([{ from: 3, to: 4.5, text: 'Hello from A.' }, { from: 6, to: 7.5, text: 'Both of us now.' }, { from: 12, to: 13, text: 'Just B.' }]));
  const photos: VideoSet['photos'] = [];
  for (const c of [A, B, C, D]) {
    for (const f of c.files.slice(3, 6)) {
      const to = join(folder, 'photos', c.name, f.slice(f.lastIndexOf('/') + 1));
      if (!existsSync(to)) {
        mkdirSync(join(folder, 'photos', c.name), { recursive: true });
        writeFileSync(to, await readFile(f));
      }
      photos.push({ identity: c.name, file: to });
    }
  }
  return { folder, videos, photos };
}

/** The benchmark clip: 60 s of 1080p H.264 at 30 fps, three people, one of them a ~40 px face. */
export async function benchClip(): Promise<{ folder: string; file: string; spec: VideoSpec }> {
  const folder = join(CACHE, 'bench');
  const [A, B, C] = (await cast(3)) as [Cast, Cast, Cast];
  const spec: VideoSpec = {
    width: 1920, height: 1080, fps: 30, seconds: 60, container: 'mp4', codec: 'h264', audio: true,
    appearances: [
      at(A, 0, { from: 2, to: 40, x: 200, y: 300, size: 400, dx: 10 }),
      at(B, 0, { from: 10, to: 55, x: 1100, y: 200, size: 300, dy: 5 }),
      // LFW faces are ~45% of the photo: 100 px of photo is a ~44 px face in 1080p.
      at(C, 0, { from: 20, to: 50, x: 900, y: 700, size: 100, dx: -3 }),
    ],
  };
  const file = join(folder, 'clip-60s-1080p.mp4');
  await makeVideo(file, spec);
  return { folder, file, spec };
}

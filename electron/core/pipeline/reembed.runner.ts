import type { AssetId, FaceId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { CoreEvents } from '../events.ts';
import type { StaleFace } from '../catalogue/face.repository.ts';
import { embeddedSightings } from '../video/reembed-track.ts';
import { workingSize } from '../video/frames.ts';
import { DEFAULT_VIDEO_SETTINGS, type VideoSettings } from '../video/video-settings.ts';
import type { AnalyzerPool } from './analyzer-pool.ts';
import { VIDEO_MIME } from './formats.ts';
import type { ReembedTask } from './reembed-faces.ts';

export interface ReembedStatus {
  running: boolean;
  /** Faces whose vector is not the current embedder's. */
  stale: number;
  done: number;
  /** Faces whose photo could not be read this run (missing, damaged): they stay stale. */
  failed: number;
}

const BATCH_PHOTOS = 16;

/**
 * The re-embedding job after an embedder change. Its queue is the catalogue itself (faces whose
 * embedder is not the current one), so a stop at any point resumes where it was, with nothing done
 * twice; meanwhile the people engine leaves those faces out, so two models' vectors never meet.
 */
export class Reembedder {
  readonly #catalogue: Catalogue;
  readonly #events: CoreEvents;
  readonly #pool: () => Promise<AnalyzerPool>;
  #running: Promise<ReembedStatus> | null = null;
  #stop = false;
  #status: ReembedStatus = { running: false, stale: 0, done: 0, failed: 0 };

  readonly #batchPhotos: number;
  readonly #video: VideoSettings;

  constructor(deps: { catalogue: Catalogue; events: CoreEvents; pool: () => Promise<AnalyzerPool>; batchPhotos?: number; video?: VideoSettings }) {
    this.#batchPhotos = deps.batchPhotos ?? BATCH_PHOTOS;
    this.#video = deps.video ?? DEFAULT_VIDEO_SETTINGS;
    this.#catalogue = deps.catalogue;
    this.#events = deps.events;
    this.#pool = deps.pool;
  }

  status(): ReembedStatus {
    return { ...this.#status, stale: this.#catalogue.faces.staleCount(), running: this.#running !== null };
  }

  /** Start (or join) the job; resolves when no stale face is left that can be embedded. */
  run(): Promise<ReembedStatus> {
    this.#running ??= this.#loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stop = true;
    await this.#running?.catch(() => undefined);
    this.#stop = false;
  }

  async #loop(): Promise<ReembedStatus> {
    this.#status = { running: true, stale: this.#catalogue.faces.staleCount(), done: 0, failed: 0 };
    if (this.#status.stale === 0) return this.#finished();
    const pool = await this.#pool();
    let after = '';
    for (;;) {
      if (this.#stop) break;
      const rows = this.#catalogue.faces.staleBatch(after, this.#batchPhotos);
      if (rows.length === 0) break;
      const byAsset = new Map<AssetId, typeof rows>();
      for (const r of rows) byAsset.set(r.asset_id, [...(byAsset.get(r.asset_id) ?? []), r]);
      const results = await Promise.all(
        [...byAsset.values()].map(async (faces) => ({
          faces,
          out: await pool.reembed(this.#task(faces)),
        })),
      );
      this.#catalogue.tx(() => {
        for (const { faces, out } of results) {
          if (!out.ok) {
            this.#status.failed += faces.length;
            continue;
          }
          faces.forEach((f, i) => this.#catalogue.faces.setEmbedding(f.id as FaceId, out.embeddings[i]!, out.embedderId));
          this.#status.done += faces.length;
        }
      });
      after = rows[rows.length - 1]!.asset_id;
      for (const lib of new Set(rows.map((r) => this.#catalogue.assets.get(r.asset_id)?.library_id))) {
        if (lib) this.#events.emit('catalogue.changed', { library_id: lib, topics: ['faces', 'people'] });
      }
    }
    return this.#finished();
  }

  /** A photo's faces are embedded from its stored landmarks; a video's from the frames of each track's sightings. */
  #task(faces: StaleFace[]): ReembedTask {
    const { path, mime, width, height } = faces[0]!;
    const landmarks = faces.map((f) => JSON.parse(f.landmarks) as Array<[number, number]>);
    if (!mime || !VIDEO_MIME.has(mime) || !width || !height) return { path, landmarks };
    const sightings = this.#catalogue.videos.sightingLandmarks(faces.map((f) => f.id));
    return {
      path,
      landmarks,
      video: {
        ...workingSize(width, height, this.#video.maxSide),
        displayWidth: width,
        sightings: faces.map((f) => embeddedSightings(sightings.get(f.id) ?? [], this.#video.embedEveryMs)),
      },
    };
  }

  #finished(): ReembedStatus {
    this.#status.running = false;
    return { ...this.#status, stale: this.#catalogue.faces.staleCount() };
  }
}

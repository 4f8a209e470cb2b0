import type { Catalogue } from '../catalogue/catalogue.ts';
import type { CoreEvents } from '../events.ts';
import type { ImportRunner } from '../pipeline/import.runner.ts';
import type { CachePaths } from '../media/cache-paths.ts';
import type { MediaSource } from '../media/media-source.ts';
import type { PeopleEngine } from '../people/engine.ts';
import type { AnalyzerPool } from '../pipeline/analyzer-pool.ts';
import type { ApiStatusSlot } from '../api-status.ts';
import type { Reembedder } from '../pipeline/reembed.runner.ts';

/** What operation handlers may use. */
export interface CoreContext {
  catalogue: Catalogue;
  events: CoreEvents;
  imports: ImportRunner;
  cache: CachePaths;
  /** The folder of derived files (thumbnails, crops, profile images): never the user's photo folders. */
  cacheDir: string;
  /** Where the face API's snapshot files are kept (in the data folder, beside the catalogue). */
  snapshotsDir: string;
  apiStatus: ApiStatusSlot;
  /** The core's one source of catalogued media by id (every transport serves from it). */
  media: MediaSource;
  people: PeopleEngine;
  /** The analysis workers (models loaded on first use), for work on single faces. */
  vision: () => Promise<AnalyzerPool>;
  /** The re-embedding job after an embedder change. */
  reembedder: Reembedder;
}

import type { Catalogue } from '../catalogue/catalogue.ts';
import type { CoreEvents } from '../events.ts';
import type { ImportRunner } from '../pipeline/import.runner.ts';
import type { CachePaths } from '../media/cache-paths.ts';

/** What operation handlers may use. */
export interface CoreContext {
  catalogue: Catalogue;
  events: CoreEvents;
  imports: ImportRunner;
  cache: CachePaths;
}

import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A 12-MP photo leaves ~13 MB of dead buffers (the file, the decoded image): native memory V8 frees
// only when a major collection runs, and left to itself it lets ~64 MB pile up per worker, which on
// a 2-worker import was ~60 MB of peak RSS. A collection costs ~5 ms of the worker's CPU, so it runs
// after every large photo and after every few dozen small ones.
// Worker threads refuse --expose-gc on their command line, so it is switched on here, as the Node
// documentation of v8.setFlagsFromString shows.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Native memory held by this isolate's buffers above which a finished photo triggers a collection. */
export const EXTERNAL_MEMORY_LIMIT = 8 * 1024 * 1024;

/** A full collection now if buffers hold more than EXTERNAL_MEMORY_LIMIT; says whether it ran. */
export function collectGarbage(limit = EXTERNAL_MEMORY_LIMIT): boolean {
  if (getHeapStatistics().external_memory < limit) return false;
  gc();
  return true;
}

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

/** Growth of the native memory held by this isolate's buffers since the last collection that triggers the next. */
export const EXTERNAL_MEMORY_GROWTH = 8 * 1024 * 1024;

// What stays held after a collection (models, reused buffers) is not garbage: only growth beyond it counts.
let afterLast = getHeapStatistics().external_memory;

/** A full collection now if buffers grew by more than `growth` since the last one; says whether it ran. */
export function collectGarbage(growth = EXTERNAL_MEMORY_GROWTH): boolean {
  if (getHeapStatistics().external_memory - afterLast < growth) return false;
  gc();
  afterLast = getHeapStatistics().external_memory;
  return true;
}

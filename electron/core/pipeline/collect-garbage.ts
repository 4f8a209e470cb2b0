import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The big buffers of a photo are freed as soon as it is done (vision/free-now.ts); what else it
// leaves (encoded thumbnails, crops, small tensors) is native memory V8 frees only when a major
// collection runs, and left to itself it lets ~64 MB pile up per worker. A collection costs ~5-19 ms
// of the worker's CPU, so it runs once buffers grew by EXTERNAL_MEMORY_GROWTH.
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

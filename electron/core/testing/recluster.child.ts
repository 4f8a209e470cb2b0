// A process that re-clusters a catalogue and nothing else, for tests that kill it mid-way:
// `node recluster.child.ts DATA_DIR` prints "start" just before people.recluster and "done <ms>" after.
import { KindredCore } from '../app.ts';

const core = new KindredCore({ dataDir: process.argv[2]! });
process.stdout.write('start\n');
const t0 = performance.now();
await core.invoke('people.recluster', {});
process.stdout.write(`done ${(performance.now() - t0).toFixed(1)}\n`);
await core.close();

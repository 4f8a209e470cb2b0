// Runs a built core.cjs in plain Node the way Electron's utility process runs it: gives it a
// process.parentPort backed by child_process IPC (fork with serialization: 'advanced', so
// messages are structured-cloned as in Electron). Used by built-app.test.ts.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry || !process.send) {
  process.stderr.write('usage: fork(parent-port-shim.ts, [core.cjs], { serialization: "advanced" })\n');
  process.exit(2);
}
const port = Object.assign(new EventEmitter(), { postMessage: (m: unknown) => void process.send!(m) });
process.on('message', (m) => port.emit('message', { data: m }));
process.on('disconnect', () => process.exit(0));
(process as unknown as { parentPort: typeof port }).parentPort = port;
await import(pathToFileURL(entry).href);

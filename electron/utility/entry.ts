// Entry point of the core's utility process (utilityProcess.fork in electron/main/core-process.ts). Electron gives
// it process.parentPort; everything else is plain Node (CoreChannel).
import { CoreChannel } from './core-channel.ts';
import { createMediaResolver } from './media-adapter.ts';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  process.stderr.write('kindred: the core entry runs only inside an Electron utility process\n');
  process.exit(1);
}

const host = new CoreChannel((m) => port.postMessage(m), { createMedia: createMediaResolver });
port.on('message', (e) => void host.handle(e.data));

// A throw nobody caught leaves the core in an unknown state: exit, and main starts a fresh one
// (the catalogue is WAL-journalled and the import queue resumes where it stopped).
process.on('uncaughtException', (err) => {
  process.stderr.write(`kindred core: uncaught ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(70);
});
process.on('unhandledRejection', (err) => {
  process.stderr.write(`kindred core: unhandled rejection ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
});

// Once per run: say plainly when the UI specs will be skipped, and why (the list reporter does not
// print skip reasons).
import { browserUnavailable } from './paths.ts';

export default function globalSetup(): void {
  const why = browserUnavailable();
  if (why) process.stdout.write(`\nUI specs will be skipped: ${why}\n\n`);
}

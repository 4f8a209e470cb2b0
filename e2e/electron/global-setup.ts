// Once per run: say clearly when the Electron specs cannot run here; otherwise build what they
// launch (the renderer and dist/electron) so `npm run test:electron` always tests the current code.
// KINDRED_E2E_NO_BUILD=1 skips the builds (e.g. CI that built already).
import { execSync } from 'node:child_process';
import { buildElectron } from '../../build/build-electron.ts';
import { findElectronBinary, skipMessage } from './electron-binary.ts';
import { ROOT } from './kindred-app.ts';

export default async function globalSetup(): Promise<void> {
  const b = findElectronBinary();
  if (!b.found) {
    process.stdout.write(`\n${skipMessage(b)}\n\n`);
    return;
  }
  if (process.env.KINDRED_E2E_NO_BUILD) return;
  execSync('npm run build:renderer', { cwd: ROOT, stdio: 'inherit' });
  await buildElectron();
}

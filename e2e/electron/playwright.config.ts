// Electron specs: `npm run test:electron` (builds renderer and shell first). Each test launches
// the real app with its own data folder. On Linux without a display, run under xvfb-run.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  // One Electron at a time: each runs the core with its analysis workers.
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});

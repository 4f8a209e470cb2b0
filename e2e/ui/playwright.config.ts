// Browser specs against the local host: `npx playwright test -c e2e/ui/playwright.config.ts`.
// Each worker runs the real core in-process (support/fixtures.ts) over a temp catalogue, so one
// worker at a time on small machines. Specs skip with a clear message until the renderer is built
// (npm run build:renderer). KINDRED_RENDERER_DIR / KINDRED_CHROMIUM override where they are looked for.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './support/paths.ts';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // Failure screenshots land here; specs save named ones in e2e/artifacts/ with shot().
  outputDir: '../artifacts/ui-results',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});

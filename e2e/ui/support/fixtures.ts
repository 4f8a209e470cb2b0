// Playwright fixtures for browser specs against the local host:
//
//   import { test, expect } from './support/fixtures.ts';
//   test.use({ hostOptions: { photos: 'faces-dev-subset' } });
//   test('…', async ({ page, host }) => { … host.core.invoke('people.list', {}) … });
//
// `host` is one in-process `kindred serve` over a temp catalogue per worker (specs in a file share
// it, in order); `page` is a page already signed in to it and showing the app.
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startHost, type LocalHost, type StartHostOptions } from './host.ts';
import { artifact, browserUnavailable } from './paths.ts';

export interface HostFixtures {
  page: Page;
}
export interface HostWorkerFixtures {
  hostOptions: StartHostOptions;
  host: LocalHost;
}

export const test = base.extend<HostFixtures, HostWorkerFixtures>({
  hostOptions: [{}, { option: true, scope: 'worker' }],
  host: [
    async ({ hostOptions }, use) => {
      const host = await startHost(hostOptions);
      try {
        await use(host);
      } finally {
        await host.close();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  page: async ({ page, host }, use) => {
    await page.goto(host.signInUrl());
    await page.waitForURL(`${host.origin}/`);
    await use(page);
  },
});

export { expect };

/** Skip the file's specs, saying why, until the renderer is built (and while Chromium is missing). */
export function skipIfUnavailable(): void {
  const why = browserUnavailable();
  test.skip(why !== null, `UI specs skipped: ${why}`);
}

/** Save a screenshot as e2e/artifacts/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  const path = artifact(`${name}.png`);
  mkdirSync(artifact(''), { recursive: true });
  await page.screenshot({ path });
  return path;
}

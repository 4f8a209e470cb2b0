// A browser session for the node:test browser specs: the local host over a copy of the shared
// catalogue (support/catalogue.ts) and Chromium pages signed in to it, at a chosen size and theme.
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { KindredCore } from '../../../electron/core/app.ts';
import { createServer, type KindredServer } from '../../../electron/host/server/server.ts';
import { catalogueCopy } from './catalogue.ts';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR, artifact, browserUnavailable } from './paths.ts';

export interface Viewport {
  width: number;
  height: number;
}
export const VIEWPORTS: Viewport[] = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];
export type Scheme = 'light' | 'dark';

export interface Session {
  core: KindredCore;
  server: KindredServer;
  origin: string;
  browser: Browser;
  /** A signed-in page showing the app at `hash` (default the library). */
  open(opts?: { viewport?: Viewport; scheme?: Scheme; hash?: string; reducedMotion?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const temp = mkdtempSync(join(tmpdir(), 'kindred-ui-'));
  const dataDir = await catalogueCopy(temp);
  const core = new KindredCore({ dataDir, workers: 1 });
  const server = createServer({ core, rendererDir: RENDERER_DIR, api: true });
  const { origin } = await server.listen(0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    core,
    server,
    origin,
    browser,
    async open(opts = {}) {
      const context = await browser.newContext({ viewport: opts.viewport ?? VIEWPORTS[1]!, colorScheme: opts.scheme ?? 'light', reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(server.signInUrl());
      await page.waitForURL(`${origin}/`);
      if (opts.hash) await page.goto(`${origin}/${opts.hash}`);
      await page.locator('nav[aria-label="Main"]').waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
      await core.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/**
 * The session of a spec file: started before its tests (unless the browser specs are skipped), then
 * `setup` run on it, and closed after them. The object reads through to the running session.
 */
export function fileSession(setup?: (s: Session) => Promise<void>): Session {
  let running: Session | undefined;
  let failed: unknown;
  before(async () => {
    if (browserUnavailable()) return;
    try {
      running = await startSession();
      // In the same hook: node:test does not wait for one root-level before hook to start the next.
      await setup?.(running);
    } catch (e) {
      failed = e;
      throw e;
    }
  });
  after(async () => running?.close());
  const get = (): Session => running ?? assert.fail(failed ? `the browser session did not start: ${failed instanceof Error ? failed.stack : String(failed)}` : 'the browser session is not running');
  return {
    get core() { return get().core; },
    get server() { return get().server; },
    get origin() { return get().origin; },
    get browser() { return get().browser; },
    open: (opts) => get().open(opts),
    close: () => get().close(),
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifact(`${name}.png`) });
}

/** Serious and critical axe violations on the page as it is now, as readable lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { KindredCore } from '../../../electron/core/app.ts';
import { createServer, type KindredServer } from '../../../electron/host/server/server.ts';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from './paths.ts';
import { preparePhotos, type PhotoSet } from './photos.ts';

export { ARTIFACTS, RENDERER_DIR, artifact, browserUnavailable, rendererMissing } from './paths.ts';

export interface StartHostOptions {
  /** Photos copied into the host's photo folder: paths of files or folders, or a faces-dev subset. */
  photos?: PhotoSet;
  /** Import the photos through the core before returning (default true when photos are given). */
  importPhotos?: boolean;
  /** Use this data folder (kept on close) instead of a fresh temp one (removed on close). */
  dataDir?: string;
  rendererDir?: string;
  /** Analysis worker threads for the core. */
  workers?: number;
}

/** `kindred serve` in-process over a temp catalogue. */
export interface LocalHost {
  /** A one-time sign-in URL: a browser that opens it gets the session cookie and lands on the page. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Another one-time sign-in URL (one per browser context). */
  signInUrl(): string;
  /** The per-run secret, for scripted requests (X-Kindred-Token header). */
  token: string;
  dataDir: string;
  /** Where the photos were copied (exists even when none were): import it through the UI. */
  photosDir: string;
  core: KindredCore;
  server: KindredServer;
  close(): Promise<void>;
}

/** The host plus a signed-in Chromium page (for node:test specs that drive playwright-core). */
export interface Host extends LocalHost {
  browser: Browser;
  page: Page;
}

/**
 * Start the local host in-process on a fresh catalogue, for Playwright specs (see fixtures.ts) and
 * scripts. `startHost(dataDir)` is the older form: the host on that folder plus a signed-in page.
 */
export function startHost(opts?: StartHostOptions): Promise<LocalHost>;
/** @deprecated Use startHost({ dataDir }) with the Playwright fixtures (support/fixtures.ts). */
export function startHost(dataDir: string): Promise<Host>;
export async function startHost(arg: StartHostOptions | string = {}): Promise<LocalHost | Host> {
  if (typeof arg === 'string') return withBrowser(await start({ dataDir: arg }));
  return start(arg);
}

async function start(opts: StartHostOptions): Promise<LocalHost> {
  const temp = mkdtempSync(join(tmpdir(), 'kindred-ui-'));
  const dataDir = opts.dataDir ?? join(temp, 'data');
  const photosDir = join(temp, 'photos');
  preparePhotos(photosDir, opts.photos ?? []);
  const core = new KindredCore({ dataDir, resumeInterrupted: true, ...(opts.workers ? { workers: opts.workers } : {}) });
  let server: KindredServer | undefined;
  const close = async () => {
    await server?.close();
    await core.close();
    rmSync(temp, { recursive: true, force: true });
  };
  try {
    if (opts.photos && opts.importPhotos !== false) {
      const started = await core.invoke('import.start', { paths: [photosDir] });
      const job = await core.invoke('jobs.wait', { job_id: started.id });
      if (job.state !== 'done') throw new Error(`importing the test photos ended ${job.state}: ${job.error ?? ''}`);
    }
    server = createServer({ core, rendererDir: opts.rendererDir ?? RENDERER_DIR, api: true });
    const { url, origin } = await server.listen(0);
    return { url, origin, signInUrl: server.signInUrl, token: server.token, dataDir, photosDir, core, server, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function withBrowser(host: LocalHost): Promise<Host> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(host.url);
  await page.waitForURL(`${host.origin}/`);
  return {
    ...host,
    browser,
    page,
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

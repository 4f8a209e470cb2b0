import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { KindredCore } from '../../../electron/core/app.ts';
import { createServer, type KindredServer } from '../../../electron/host/server/server.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const CHROMIUM = process.env.KINDRED_CHROMIUM ?? '/usr/bin/chromium';

export interface Host {
  core: KindredCore;
  server: KindredServer;
  url: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Why browser specs cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return 'the renderer is not built (npm run build:renderer)';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set KINDRED_CHROMIUM)`;
  return null;
}

/** `kindred serve` in-process on a temp catalogue, and Debian's Chromium on its page, signed in. */
export async function startHost(dataDir: string): Promise<Host> {
  const core = new KindredCore({ dataDir });
  const server = createServer({ core, rendererDir: RENDERER_DIR });
  const { url } = await server.listen(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(url);
  return {
    core,
    server,
    url,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
      await core.close();
    },
  };
}

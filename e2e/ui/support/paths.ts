import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer that `kindred serve` serves (npm run build:renderer); KINDRED_RENDERER_DIR overrides. */
export const RENDERER_DIR = process.env.KINDRED_RENDERER_DIR ?? fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));
/** Screenshots and other things a person looks at after a run (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
/** Debian's Chromium (apt-get install chromium); KINDRED_CHROMIUM overrides. */
export const CHROMIUM = process.env.KINDRED_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function artifact(name: string): string {
  return join(ARTIFACTS, name);
}

/** Why the renderer cannot be served yet, or null. */
export function rendererMissing(): string | null {
  return existsSync(join(RENDERER_DIR, 'index.html')) ? null : `the renderer is not built: run \`npm run build:renderer\` (looked for ${join(RENDERER_DIR, 'index.html')})`;
}

/** Why browser specs cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  const missing = rendererMissing();
  if (missing) return missing;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set KINDRED_CHROMIUM)`;
  return null;
}

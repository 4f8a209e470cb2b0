import { spawn } from 'node:child_process';

export interface ShellResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a bash script without blocking this process (tests run curl against a server that lives in the
 * same process: spawnSync would deadlock it).
 */
export function runShell(script: string, opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

// Video is decoded by FFmpeg's own programs, shipped per platform inside npm packages
// (@ffmpeg-installer/<platform>-<arch>, @ffprobe-installer/<platform>-<arch>): nothing is downloaded
// at install or first run, and the GPL programs run as separate processes, never linked into
// Kindred (build/VIDEO-LICENCES.md says why that matters and what shipping them requires).

export type FfTool = 'ffmpeg' | 'ffprobe';

const require = createRequire(import.meta.url);
const resolved = new Map<FfTool, string>();

/** Where a packaged app keeps files electron-builder moved out of app.asar (executables must be real files). */
export const unpacked = (path: string): string => path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);

/** The path of the bundled ffmpeg or ffprobe for this platform, or a clear error when there is none. */
export function toolPath(tool: FfTool): string {
  const known = resolved.get(tool);
  if (known) return known;
  const override = process.env[tool === 'ffmpeg' ? 'KINDRED_FFMPEG' : 'KINDRED_FFPROBE'];
  const pkg = `@${tool}-installer/${process.platform}-${process.arch}`;
  let path: string;
  if (override) path = override;
  else {
    try {
      path = unpacked(join(dirname(require.resolve(`${pkg}/package.json`)), process.platform === 'win32' ? `${tool}.exe` : tool));
    } catch {
      throw new Error(`${tool} for ${process.platform}-${process.arch} is not installed (npm package ${pkg}); videos cannot be read on this platform`);
    }
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${tool} at ${path} is missing or not executable; reinstall Kindred (npm ci) to restore it`);
  }
  resolved.set(tool, path);
  return path;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/** Run ffmpeg or ffprobe to the end and collect its output; a non-zero exit is an error carrying stderr's last lines. */
export function runTool(tool: FfTool, args: string[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath(tool), args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 120_000, signal: opts.signal, windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-8000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr: err });
      else reject(new ToolError(tool, code, signal, err));
    });
  });
}

export class ToolError extends Error {
  readonly stderr: string;
  constructor(tool: FfTool, code: number | null, signal: NodeJS.Signals | null, stderr: string) {
    const last = stderr.trim().split('\n').slice(-3).join(' | ');
    super(`${tool} ${signal ? `was stopped (${signal})` : `exited with ${code}`}${last ? `: ${last}` : ''}`);
    this.name = 'ToolError';
    this.stderr = stderr;
  }
}

import type { Job } from '../../../shared/domain/job.ts';

/** One line of import progress for a terminal (redrawn in place) or a log (one line every few seconds). */
export function progressLine(job: Job): string {
  const p = job.progress;
  const parts = [`${p.phase}`];
  if (p.phase === 'scanning') parts.push(`${p.files_found} files found`);
  else {
    const pct = p.files_found > 0 ? Math.floor((p.files_done / p.files_found) * 100) : 100;
    parts.push(`${p.files_done}/${p.files_found} files (${pct}%)`, `${p.faces} faces`);
    if (p.files_skipped) parts.push(`${p.files_skipped} skipped`);
    if (p.duplicates) parts.push(`${p.duplicates} duplicates`);
    if (p.rate !== null) parts.push(`${p.rate.toFixed(1)} files/s`);
    if (p.eta_seconds !== null && p.phase === 'analyzing') parts.push(`ETA ${formatDuration(p.eta_seconds)}`);
  }
  return parts.join(' · ');
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export class ProgressPrinter {
  readonly #tty: boolean;
  readonly #out: NodeJS.WriteStream;
  #lastLog = 0;
  #drawn = false;

  constructor(out: NodeJS.WriteStream = process.stderr) {
    this.#out = out;
    this.#tty = Boolean(out.isTTY);
  }

  update(job: Job): void {
    const line = progressLine(job);
    if (this.#tty) {
      this.#out.write(`\r\x1b[2K${line}`);
      this.#drawn = true;
    } else if (performance.now() - this.#lastLog > 2000) {
      this.#out.write(`${line}\n`);
      this.#lastLog = performance.now();
    }
  }

  done(job: Job): void {
    if (this.#tty && this.#drawn) this.#out.write('\r\x1b[2K');
    this.#out.write(`${progressLine(job)}\n`);
  }
}

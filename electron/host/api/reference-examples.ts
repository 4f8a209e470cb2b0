import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The reference API documents beside the repo (read-only): their curl examples are our acceptance tests. */
export const REFERENCE_DIR = new URL('../../../../shared/docs/reference-apis/', import.meta.url).pathname;

export interface CurlExample {
  file: string;
  /** 1-based position in its file. */
  index: number;
  command: string;
}

/**
 * Every curl command in the reference files, as a shell would read it: from `curl` to the first
 * newline outside quotes that is not escaped by a backslash. The documents sometimes glue the sample
 * reply straight after a closing quote (`'{`); a quote closing onto a non-blank character ends the
 * command there too.
 */
export function curlExamples(dir = REFERENCE_DIR): CurlExample[] {
  const out: CurlExample[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    let index = 0;
    for (const m of text.matchAll(/(^|\n)[ \t]*curl\s/g)) {
      const start = m.index + m[0].indexOf('curl');
      out.push({ file, index: ++index, command: readCommand(text, start) });
    }
  }
  return out;
}

function readCommand(text: string, start: number): string {
  let quote: '"' | "'" | null = null;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) {
        quote = null;
        const next = text[i + 1];
        if (c === "'" && next !== undefined && !/[\s"'|]/.test(next)) return text.slice(start, i + 1);
      } else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++; // an escaped newline continues the command
    else if (c === '\n') break;
  }
  return text.slice(start, i).trim();
}

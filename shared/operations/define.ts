import type { z } from 'zod';

/**
 * renderer: safe for the UI (no filesystem paths in or out beyond what the user chose);
 * host: only for trusted hosts (CLI, scripts, the key-authenticated local API).
 */
export type Access = 'renderer' | 'host';

export interface OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  input: I;
  output: O;
}

export function op<I extends z.ZodType, O extends z.ZodType>(def: OperationDef<I, O>): OperationDef<I, O> {
  return def;
}

import type { z } from 'zod';
import type { CatalogueTopic } from '../events.ts';

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
  /**
   * What the operation changes, as the catalogue topics views subscribe to. Declared here once: the
   * core runs such an operation through its one mutation path (exclusive, one transaction) and
   * announces exactly these topics when it commits. Left out, the operation changes nothing a view
   * shows, and the core refuses to run it as a mutation.
   */
  effects?: readonly CatalogueTopic[];
}

/** Keeps each definition's own types (its schemas, and whether it declares effects). */
export function op<const D extends OperationDef>(def: D): D {
  return def;
}

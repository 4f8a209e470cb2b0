import type { Handlers, OpName } from '../../../shared/contract.ts';

/** The handlers of one file of operations, keyed by that file's op map: no list of names restated. */
export type HandlersOf<OpMap> = Pick<Handlers, keyof OpMap & OpName>;

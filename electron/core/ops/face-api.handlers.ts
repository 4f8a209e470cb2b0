import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';

type FaceApiOps = never;

export function faceApiHandlers(_ctx: CoreContext): Pick<Handlers, FaceApiOps> {
  return {};
}

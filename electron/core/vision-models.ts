import { locateModels } from '../../models/locate.ts';
import type { ModelRef } from './pipeline/analyzer-pool.ts';

export const DETECTOR_MODEL = 'yunet_s_dynamic';
export const EMBEDDER_MODEL = 'fr_feature';

/** Verified paths of the two models analysis needs; throws a clear error naming what is missing. */
export async function resolveVisionModels(modelsDir?: string): Promise<{ detector: ModelRef; embedder: ModelRef }> {
  const paths = await locateModels({ ...(modelsDir ? { cacheDir: modelsDir } : {}), ids: [DETECTOR_MODEL, EMBEDDER_MODEL] });
  return { detector: { id: DETECTOR_MODEL, path: paths[DETECTOR_MODEL]! }, embedder: { id: EMBEDDER_MODEL, path: paths[EMBEDDER_MODEL]! } };
}

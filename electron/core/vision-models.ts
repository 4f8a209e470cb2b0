import { locateModels } from '../../models/locate.ts';
import type { ModelRef } from './pipeline/analyzer-pool.ts';

/** The networks a face is recorded with (faces.detector, faces.embedder): what found and embedded it. */
export const DETECTOR_MODEL = 'yunet_s_dynamic';
export const EMBEDDER_MODEL = 'fr_feature';
/**
 * The files that run those networks: variants derived from them by models/derive.ts (packed uint8
 * input; PRelu as ONNX Runtime's fast element-wise ops) whose outputs equal the originals' within 1e-4,
 * so a face keeps its model id.
 */
export const DETECTOR_FILE = 'yunet_s_uint8_rgb';
export const EMBEDDER_FILE = 'fr_feature_prelu_max';

/** Verified paths of the two models analysis needs; throws a clear error naming what is missing. */
export async function resolveVisionModels(modelsDir?: string): Promise<{ detector: ModelRef; embedder: ModelRef }> {
  const paths = await locateModels({ ...(modelsDir ? { cacheDir: modelsDir } : {}), ids: [DETECTOR_FILE, EMBEDDER_FILE] });
  return { detector: { id: DETECTOR_MODEL, path: paths[DETECTOR_FILE]! }, embedder: { id: EMBEDDER_MODEL, path: paths[EMBEDDER_FILE]! } };
}

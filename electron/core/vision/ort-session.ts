import { InferenceSession } from 'onnxruntime-node';

export type OptimizationLevel = 'basic' | 'extended' | 'all';

/**
 * Parallelism comes from running one worker per core, so each session defaults to a single
 * intra-op thread and never spawns inter-op threads of its own. The optimisation level is per
 * model because ORT's layout (NCHWc) rewrites, included in 'all', help one network and hurt another.
 */
export function createSession(modelPath: string, threads = 1, level: OptimizationLevel = 'all'): Promise<InferenceSession> {
  return InferenceSession.create(modelPath, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: level,
  });
}

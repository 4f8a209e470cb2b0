import { InferenceSession } from 'onnxruntime-node';

export type OptimizationLevel = 'basic' | 'extended' | 'all';

export interface SessionTuning {
  level?: OptimizationLevel;
  /**
   * ORT's memory pattern pre-plans one block per input shape and keeps it: a detector fed photos of
   * many sizes, or an embedder fed batches of 1 to 8, would keep one per shape, so both turn it off
   * (same speed; the CPU arena still reuses its chunks). The arena itself stays: without it every
   * run page-faults its ~170 MB of activations afresh, 2.5x slower.
   */
  memPattern?: boolean;
}

/**
 * Parallelism comes from running one worker per core, so each session defaults to a single
 * intra-op thread and never spawns inter-op threads of its own. The optimisation level is per
 * model because ORT's layout (NCHWc) rewrites, included in 'all', help one network and hurt another.
 */
export function createSession(modelPath: string, threads = 1, tuning: SessionTuning = {}): Promise<InferenceSession> {
  return InferenceSession.create(modelPath, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: tuning.level ?? 'all',
    enableMemPattern: tuning.memPattern ?? true,
  });
}

/** Whether the model's first input has a symbolic (or absent) batch dimension. */
export function hasDynamicBatch(session: InferenceSession): boolean {
  const meta = session.inputMetadata[0];
  if (!meta?.isTensor) return false;
  return typeof meta.shape[0] !== 'number';
}

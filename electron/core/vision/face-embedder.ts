import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { ALIGNED_SIZE, alignFace, type Point } from './align.ts';
import type { RgbImage } from './image.ts';
import { createSession, hasDynamicBatch, type OptimizationLevel } from './ort-session.ts';

export type ChannelOrder = 'bgr' | 'rgb';

export interface EmbedderOptions {
  threads?: number;
  /** Channel order fed to the network; see DEFAULT_CHANNEL_ORDER. */
  channelOrder?: ChannelOrder;
  /** ORT graph optimisation; the default is the measured fastest (benchmarks compare the others). */
  level?: OptimizationLevel;
}

/**
 * faces-dev, YuNet landmarks (e2e/eval/vision-study.ts channels): BGR gives ROC AUC 0.99992 and
 * TAR 0.991 at FAR 1e-3, RGB (the package demo's order) 0.99981 and 0.978.
 */
export const DEFAULT_CHANNEL_ORDER: ChannelOrder = 'bgr';
export const EMBEDDING_SIZE = 512;

/**
 * With ONNX Runtime 1.30, 'all' (which adds the NCHWc layout rewrites) is the fastest level for this
 * MobileFaceNet on one thread: ~12 ms a face against ~16 at 'extended' (npm run bench:stages).
 */
const OPTIMIZATION_LEVEL: OptimizationLevel = 'all';
/**
 * Faces per run with fr_feature_batch. Batching does not make a face cheaper (bench:stages: with PRelu
 * rewritten, 7.1 ms a face one at a time, 8.7 in batches of 8), so the app runs the fixed-batch
 * fr_feature_prelu_max; a batch keeps one reused input buffer of bounded size.
 */
export const MAX_BATCH = 8;
const FACE_VALUES = 3 * ALIGNED_SIZE * ALIGNED_SIZE;

export class FaceEmbedder {
  readonly channelOrder: ChannelOrder;
  /** 1 for fr_feature and fr_feature_prelu_max (batch fixed at 1), MAX_BATCH for fr_feature_batch. */
  readonly batchSize: number;
  readonly #session: InferenceSession;
  /** Reused between runs; a concurrent call (never the case in a worker) gets its own. */
  #input: Float32Array | null;

  private constructor(session: InferenceSession, channelOrder: ChannelOrder) {
    this.#session = session;
    this.channelOrder = channelOrder;
    this.batchSize = hasDynamicBatch(session) ? MAX_BATCH : 1;
    this.#input = new Float32Array(this.batchSize * FACE_VALUES);
  }

  /** Any recogniser file: fr_feature or a variant of it (fr_feature_prelu_max, dynamic-batch fr_feature_batch). */
  static async create(modelPath: string, opts: EmbedderOptions = {}): Promise<FaceEmbedder> {
    return new FaceEmbedder(await createSession(modelPath, opts.threads, { level: opts.level ?? OPTIMIZATION_LEVEL, memPattern: false }), opts.channelOrder ?? DEFAULT_CHANNEL_ORDER);
  }

  /** The unit-length 512-d embedding of the face with these five landmarks (YuNet order) in `img`. */
  async embed(img: RgbImage, landmarks: readonly Point[]): Promise<Float32Array> {
    return this.embedAligned(alignFace(img, landmarks));
  }

  /** Embedding of an already aligned 112x112 crop. */
  async embedAligned(face: RgbImage): Promise<Float32Array> {
    return (await this.embedAlignedBatch([face]))[0]!;
  }

  /** Embeddings of aligned 112x112 crops, in order: crops in, vectors out, batched as the model allows. */
  async embedAlignedBatch(faces: readonly RgbImage[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < faces.length; start += this.batchSize) {
      const chunk = faces.slice(start, start + this.batchSize);
      const buffer = this.#input ?? new Float32Array(this.batchSize * FACE_VALUES);
      this.#input = null;
      try {
        chunk.forEach((face, i) => writeNetworkInput(face, this.channelOrder, buffer, i * FACE_VALUES));
        const input = new Tensor('float32', buffer.subarray(0, chunk.length * FACE_VALUES), [chunk.length, 3, ALIGNED_SIZE, ALIGNED_SIZE]);
        const result = (await this.#session.run({ input }))['output']!.data as Float32Array;
        for (let i = 0; i < chunk.length; i++) out.push(l2Normalise(result.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE)));
      } finally {
        this.#input = buffer;
      }
    }
    return out;
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}

/** (pixel - 127) / 128 in planes of the requested channel order. */
export function toNetworkInput(face: RgbImage, order: ChannelOrder): Float32Array {
  return writeNetworkInput(face, order, new Float32Array(FACE_VALUES), 0);
}

function writeNetworkInput(face: RgbImage, order: ChannelOrder, out: Float32Array, offset: number): Float32Array {
  if (face.width !== ALIGNED_SIZE || face.height !== ALIGNED_SIZE) throw new RangeError(`expected a ${ALIGNED_SIZE}x${ALIGNED_SIZE} face, got ${face.width}x${face.height}`);
  const plane = ALIGNED_SIZE * ALIGNED_SIZE;
  const [c0, c2] = order === 'bgr' ? [2, 0] : [0, 2];
  for (let i = 0, s = 0; i < plane; i++, s += 3) {
    out[offset + i] = (face.data[s + c0]! - 127) / 128;
    out[offset + plane + i] = (face.data[s + 1]! - 127) / 128;
    out[offset + 2 * plane + i] = (face.data[s + c2]! - 127) / 128;
  }
  return out;
}

export function l2Normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(v.length);
  if (norm > 0) for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

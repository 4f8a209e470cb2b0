import { readFileSync } from 'node:fs';
import { z } from 'zod';

// Ids are a closed set so callers get a compile error for a model that does not exist.
export const MODEL_IDS = ['yunet_2023mar', 'yunet_s_dynamic', 'fr_feature'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

// Strict objects: the manifest is hand-edited, so a misspelt key must fail loudly, not vanish.
const Dim = z.union([z.number().int().positive(), z.string().min(1)]);
const Tensor = z.strictObject({ name: z.string().min(1), dtype: z.literal('float32'), shape: z.array(Dim).min(1) });

const Upstream = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('url'), url: z.url({ protocol: /^https$/ }) }),
  z.strictObject({
    kind: z.literal('npm'),
    // Narrow charsets: these strings reach a command line (npm pack), on Windows through a shell.
    package: z.string().regex(/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/),
    path: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/),
  }),
]);

const Input = z.strictObject({
  name: z.string().min(1),
  dtype: z.literal('float32'),
  shape: z.array(Dim).length(4),
  layout: z.literal('NCHW'),
  channel_order: z.enum(['rgb', 'bgr']),
  channel_order_note: z.string().optional(),
  // value fed to the network = (pixel - mean) / std, pixels 0..255
  normalisation: z.strictObject({ mean: z.number(), std: z.number().positive() }),
  size_multiple: z.number().int().positive().optional(),
  sizing: z.string().optional(),
});

const common = {
  id: z.enum(MODEL_IDS),
  // A bare file name: it is joined to cache and mirror directories.
  file: z.string().regex(/^[A-Za-z0-9._-]+\.onnx$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  licence: z.string().min(1),
  upstream: Upstream,
  homepage: z.url(),
  notes: z.array(z.string()).default([]),
  input: Input,
  outputs: z.array(Tensor).min(1),
};

const LandmarkName = z.enum(['right_eye', 'left_eye', 'nose_tip', 'right_mouth_corner', 'left_mouth_corner']);

const Detector = z.strictObject({
  ...common,
  role: z.literal('detector'),
  decode: z.strictObject({ strides: z.array(z.number().int().positive()).min(1), steps: z.array(z.string()) }),
  landmarks: z.strictObject({ order: z.array(LandmarkName).length(5), sides: z.literal('subject'), note: z.string() }),
  thresholds: z.strictObject({
    score: z.number().min(0).max(1),
    score_demo: z.number().min(0).max(1),
    nms_iou: z.number().min(0).max(1),
    top_k: z.number().int().positive(),
  }),
  face_size_px: z.strictObject({ min: z.number().positive(), max: z.number().positive(), note: z.string() }),
});

const Recogniser = z.strictObject({
  ...common,
  role: z.literal('recogniser'),
  embedding: z.strictObject({ dim: z.number().int().positive(), l2_normalise: z.boolean(), metric: z.literal('cosine') }),
  alignment: z.strictObject({
    size: z.tuple([z.number().int().positive(), z.number().int().positive()]),
    transform: z.literal('similarity'),
    interpolation: z.literal('bilinear'),
    template: z.array(z.tuple([z.number(), z.number()])).length(5),
    template_points: z.array(z.string()).length(5),
    note: z.string(),
  }),
});

const ModelEntry = z.discriminatedUnion('role', [Detector, Recogniser]);

const Manifest = z
  .strictObject({ schema_version: z.literal(1), models: z.array(ModelEntry) })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    for (const e of m.models) {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', message: `duplicate model id ${e.id}` });
      seen.add(e.id);
    }
    for (const id of MODEL_IDS) {
      if (!seen.has(id)) ctx.addIssue({ code: 'custom', message: `model ${id} has no manifest entry` });
    }
  });

export type Upstream = z.infer<typeof Upstream>;
export type DetectorEntry = z.infer<typeof Detector>;
export type RecogniserEntry = z.infer<typeof Recogniser>;
export type ModelEntry = z.infer<typeof ModelEntry>;
export type Role = ModelEntry['role'];
export type Manifest = z.infer<typeof Manifest>;

const MANIFEST_URL = new URL('./manifest.json', import.meta.url);

/** Validates a manifest document; throws with every problem listed. */
export function parseManifest(json: unknown): Manifest {
  const r = Manifest.safeParse(json);
  if (!r.success) throw new Error(`models/manifest.json is invalid:\n${z.prettifyError(r.error)}`);
  return r.data;
}

let loaded: Manifest | undefined;

export function loadManifest(): Manifest {
  loaded ??= parseManifest(JSON.parse(readFileSync(MANIFEST_URL, 'utf8')));
  return loaded;
}

type EntryFor<R extends Role> = Extract<ModelEntry, { role: R }>;

/** The manifest entry for `id`; with `role`, also asserts what kind of model it is. */
export function getModel(id: ModelId): ModelEntry;
export function getModel<R extends Role>(id: ModelId, role: R): EntryFor<R>;
export function getModel(id: ModelId, role?: Role): ModelEntry {
  const entry = loadManifest().models.find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown model id "${id}" (known: ${MODEL_IDS.join(', ')})`);
  if (role && entry.role !== role) throw new Error(`Model "${id}" is a ${entry.role}, not a ${role}`);
  return entry;
}

export function listModels(): readonly ModelEntry[] {
  return loadManifest().models;
}

/** The entries for `ids` in that order, or every entry when `ids` is omitted. */
export function selectModels(ids?: readonly ModelId[]): ModelEntry[] {
  return ids ? ids.map((id) => getModel(id)) : [...listModels()];
}

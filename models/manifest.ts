import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RECIPES } from './recipes.ts';

// Ids are a closed set so callers get a compile error for a model that does not exist.
export const MODEL_IDS = ['yunet_2023mar', 'yunet_s_dynamic', 'fr_feature', 'yunet_s_uint8_rgb', 'fr_feature_batch', 'fr_feature_prelu_max'] as const;
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
  // Made by Kindred from another verified entry (models/derive.ts); the sha256 pins the result.
  z.strictObject({ kind: z.literal('derived'), from: z.enum(MODEL_IDS), recipe: z.enum(RECIPES) }),
]);

const Input = z.strictObject({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'uint8']),
  shape: z.array(Dim).length(4),
  layout: z.enum(['NCHW', 'NHWC']),
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

/**
 * A derived model's entry names its source and recipe and says only what differs from the source
 * (file, checksum, input); everything else (role, licence, outputs, decoding, thresholds) is the
 * source's, so the two cannot drift apart.
 */
const DerivedEntry = z.strictObject({
  id: z.enum(MODEL_IDS),
  derived_from: z.enum(MODEL_IDS),
  recipe: z.enum(RECIPES),
  file: common.file,
  sha256: common.sha256,
  size: common.size,
  notes: common.notes,
  input: Input.optional(),
  outputs: common.outputs.optional(),
});

const ManifestDoc = z.strictObject({ schema_version: z.literal(1), models: z.array(z.record(z.string(), z.unknown())) });

type Doc = { schema_version: 1; models: Array<z.infer<typeof ModelEntry> | z.infer<typeof DerivedEntry>> };

function parseEntries(json: unknown): { doc: Doc | null; errors: string[] } {
  const doc = ManifestDoc.safeParse(json);
  if (!doc.success) return { doc: null, errors: [z.prettifyError(doc.error)] };
  const errors: string[] = [];
  const models = doc.data.models.map((raw, i) => {
    const r = ('derived_from' in raw ? DerivedEntry : ModelEntry).safeParse(raw);
    if (!r.success) errors.push(`models[${i}] (${String(raw.id)}):\n${z.prettifyError(r.error)}`);
    return r.data!;
  });
  return { doc: { schema_version: 1, models }, errors };
}

function resolve(doc: Doc): { models: ModelEntry[]; errors: string[] } {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const e of doc.models) {
    if (seen.has(e.id)) errors.push(`duplicate model id ${e.id}`);
    seen.add(e.id);
  }
  for (const id of MODEL_IDS) if (!seen.has(id)) errors.push(`model ${id} has no manifest entry`);
  const models = doc.models.map((e): ModelEntry => {
    if (!('derived_from' in e)) return e;
    const source = doc.models.find((s) => s.id === e.derived_from);
    if (!source || 'derived_from' in source) {
      errors.push(`${e.id} is derived from ${e.derived_from}, which is not an upstream model in the manifest`);
      return undefined as never;
    }
    const { derived_from: from, recipe, input, outputs, ...own } = e;
    return { ...source, ...own, input: input ?? source.input, outputs: outputs ?? source.outputs, upstream: { kind: 'derived', from, recipe } };
  });
  return { models, errors };
}

export type Upstream = z.infer<typeof Upstream>;
export type DetectorEntry = z.infer<typeof Detector>;
export type RecogniserEntry = z.infer<typeof Recogniser>;
export type ModelEntry = z.infer<typeof ModelEntry>;
export type Role = ModelEntry['role'];
export interface Manifest {
  schema_version: 1;
  models: ModelEntry[];
}

const MANIFEST_URL = new URL('./manifest.json', import.meta.url);

/** Validates a manifest document; throws with every problem listed. */
export function parseManifest(json: unknown): Manifest {
  const { doc, errors } = parseEntries(json);
  const resolved = doc && errors.length === 0 ? resolve(doc) : { models: [], errors: [] };
  const all = [...errors, ...resolved.errors];
  if (all.length) throw new Error(`models/manifest.json is invalid:\n${all.join('\n')}`);
  return { schema_version: 1, models: resolved.models };
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

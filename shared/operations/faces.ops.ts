import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';
import { AssignmentKind, ClusterAssignment, Face, FaceSource } from '../domain/face.ts';
import { ONE_CURSOR, Page, cursorOf, cursorPageOf, oneCursor } from '../domain/common.ts';
import { op } from './define.ts';

/** A face row for scripts: the photo's absolute path included, which is why it is host-only. */
export const FaceExport = z.object({
  id: FaceId,
  asset_id: AssetId,
  path: z.string(),
  bounding_box: BoundingBox,
  source: FaceSource,
  confidence: z.number().nullable(),
  person_id: PersonId.nullable(),
});
export type FaceExport = z.infer<typeof FaceExport>;

const FaceIds = z.array(FaceId).min(1).max(10_000);

export const faceOps = {
  'faces.list': op({
    summary: 'Faces, filtered by library, asset, person or unassigned; oldest recorded first, or newest first.',
    access: 'renderer',
    input: Page.extend({
      library_id: LibraryId.optional(),
      asset_id: AssetId.optional(),
      person_id: PersonId.optional(),
      unassigned: z.boolean().optional(),
      include_cluster_assignment: z.boolean().default(false),
      order: z.enum(['oldest', 'newest']).default('oldest'),
      ...cursorOf(FaceId),
    }).refine(oneCursor, ONE_CURSOR),
    output: cursorPageOf(Face),
  }),
  'faces.get': op({
    summary: 'One face, with its cluster assignment explained.',
    access: 'renderer',
    input: z.object({ face_id: FaceId, include_cluster_assignment: z.boolean().default(true) }),
    output: Face,
  }),
  'faces.create': op({
    summary: 'Draw a face: a box in display-space pixels, inside the photo. It is detected, aligned and embedded like any other face.',
    access: 'renderer',
    effects: ['faces', 'people'],
    input: z.object({
      asset_id: AssetId,
      bounding_box: BoundingBox,
      person_id: PersonId.nullable().optional(),
      library_id: LibraryId.optional(),
    }),
    output: Face,
  }),
  'faces.update_box': op({
    summary: 'Move or resize a manual face; it is embedded again.',
    access: 'renderer',
    effects: ['faces'],
    input: z.object({ face_id: FaceId, bounding_box: BoundingBox }),
    output: Face,
  }),
  'faces.delete': op({ summary: 'Delete a face.', access: 'renderer', effects: ['faces', 'people'], input: z.object({ face_id: FaceId }), output: z.object({ ok: z.literal(true) }) }),
  'faces.assign': op({
    summary: 'Put faces in a person (a user decision: they never move on their own again).',
    access: 'renderer',
    effects: ['faces', 'people'],
    input: z.object({ face_ids: FaceIds, person_id: PersonId }),
    output: z.array(Face),
  }),
  'faces.detach': op({
    summary: 'Take faces out of their person; with reject, also "not this person", which no later run crosses.',
    access: 'renderer',
    effects: ['faces', 'people'],
    input: z.object({ face_ids: FaceIds, reject: z.boolean().default(false) }),
    output: z.array(Face),
  }),
  'faces.restore': op({
    summary: 'Put faces back as they were before a user action: their person and who placed them, and lift the "not this person" marks that action made. What undo in the app runs.',
    access: 'renderer',
    effects: ['faces', 'people'],
    input: z.object({
      faces: z
        .array(
          z.object({
            face_id: FaceId,
            /** A person who no longer exists leaves the face unplaced, for the engine and review to place again. */
            person_id: PersonId.nullable(),
            assignment: AssignmentKind.nullable(),
            /** "Not this person" marks to lift. */
            unreject: z.array(PersonId).max(100).default([]),
          }),
        )
        .min(1)
        .max(10_000),
    }),
    output: z.array(Face),
  }),
  'faces.cluster_assignment': op({
    summary: 'Why a face is where it is: distance to its person and the nearest other people.',
    access: 'renderer',
    input: z.object({ face_id: FaceId, max_candidates: z.number().int().min(1).max(20).default(5) }),
    output: ClusterAssignment,
  }),
  'faces.export': op({
    summary: 'Every face with the absolute path of its photo (trusted hosts only).',
    access: 'host',
    input: z.object({ library_id: LibraryId.optional() }),
    output: z.array(FaceExport),
  }),
};

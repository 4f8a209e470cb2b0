import { z } from 'zod';
import { AssetId, FolderId, LibraryId } from '../ids.ts';
import { IsoDate, Timestamp } from './common.ts';
import { SkipReason } from './skip-reason.ts';

export const AssetStatus = z.enum(['pending', 'done', 'error', 'duplicate']);
export type AssetStatus = z.infer<typeof AssetStatus>;

/** An asset as the UI sees it: no filesystem path, only a file name to show. */
export const Asset = z.object({
  id: AssetId,
  library_id: LibraryId,
  folder_id: FolderId,
  file_name: z.string(),
  mime: z.string().nullable(),
  size: z.number().int(),
  /** Display size: after EXIF orientation. Face boxes live in this space. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  orientation: z.number().int().min(1).max(8).nullable(),
  taken_at: Timestamp.nullable(),
  duration_ms: z.number().int().nullable(),
  /** Videos: frames per second and frame count (frame numbers are round(time × fps)); null for photos. */
  fps: z.number().nullable(),
  frame_count: z.number().int().nullable(),
  /** A Live Photo's still: the asset id of its motion (a short video of the same moment), else null. */
  motion_asset_id: AssetId.nullable(),
  status: AssetStatus,
  error: z.string().nullable(),
  /** Catalogued despite a problem, in one sentence ("damaged file: …"); null when there was none. */
  note: z.string().nullable(),
  face_count: z.number().int(),
  created_at: Timestamp,
  /** The file's modification time when it was scanned. */
  file_modified_at: Timestamp,
  /** When the record last changed (catalogued, or analysed again). */
  updated_at: Timestamp,
  /** On disk; missing (the file went away: kept until purged or found again); offline (its disk is not mounted). */
  presence: z.enum(['present', 'missing', 'offline']),
  /** Near-duplicates shown as this one photo, itself included (1: no stack). */
  stack_size: z.number().int(),
  /** Hidden by the user: out of the grid and the timeline, listed only among the hidden photos. */
  is_hidden: z.boolean(),
});
export type Asset = z.infer<typeof Asset>;

/** A file the import could not catalogue, and why (no asset when the scan set it aside). */
export const SkippedFile = z.object({
  asset_id: AssetId.nullable(),
  file_name: z.string(),
  /** Relative to the imported folder, so the user can find it. */
  relative_path: z.string(),
  error: z.string(),
  reason: SkipReason,
});
export type SkippedFile = z.infer<typeof SkippedFile>;

/** One day of the timeline: photos whose date (taken, else file time) falls on it, local time. */
export const TimelineDay = z.object({ day: IsoDate, count: z.number().int().min(1) });
export type TimelineDay = z.infer<typeof TimelineDay>;

/** The photo file's own metadata, for the viewer's info panel; null where the file does not say. */
export const AssetDetails = z.object({
  asset_id: AssetId,
  camera: z.string().nullable(),
  lens: z.string().nullable(),
  exposure: z.string().nullable(),
  aperture: z.number().nullable(),
  iso: z.number().nullable(),
  focal_length: z.number().nullable(),
  taken_at: Timestamp.nullable(),
  /** Date the photo sorts by: when it was taken, else the file's modification time. */
  sort_at: Timestamp,
});
export type AssetDetails = z.infer<typeof AssetDetails>;

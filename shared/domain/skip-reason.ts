import { z } from 'zod';

/**
 * Why a file the scan met is not in the catalogue: one table for the scan, the decoders, the import
 * summary and the UI. Add a reason here (and nowhere else) when a new way of not cataloguing appears.
 */
export const SKIP_REASONS = {
  unsupported_format: 'unsupported format',
  not_media: 'not a photo or video',
  video: 'video (not catalogued yet)',
  sidecar: 'sidecar file (read with its photo)',
  hidden: 'hidden file or folder',
  name_not_utf8: 'name is not valid UTF-8',
  path_too_long: 'path too long',
  not_regular_file: 'not a regular file',
  unreadable: 'cannot be read',
  vanished: 'disappeared during the import',
  empty: 'empty file',
  too_large: 'too large to decode safely',
  truncated: 'truncated or damaged',
  corrupt: 'corrupt',
  no_decoder: 'no decoder for its codec',
  raw_no_preview: 'RAW without a usable preview',
} as const;

export const SkipReason = z.enum(Object.keys(SKIP_REASONS) as [keyof typeof SKIP_REASONS, ...Array<keyof typeof SKIP_REASONS>]);
export type SkipReason = z.infer<typeof SkipReason>;

export const skipReasonLabel = (reason: SkipReason): string => SKIP_REASONS[reason];

/** Files counted per reason, for import summaries. */
export const SkipCounts = z.partialRecord(SkipReason, z.number().int());
export type SkipCounts = z.infer<typeof SkipCounts>;

/** "2 unsupported format", … for each reason counted, in the table's order: the import summary's words. */
export const skipCountLabels = (counts: SkipCounts): string[] =>
  (Object.keys(SKIP_REASONS) as SkipReason[]).flatMap((r) => (counts[r] ? [`${counts[r]} ${SKIP_REASONS[r]}`] : []));

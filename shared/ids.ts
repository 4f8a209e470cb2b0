import { z } from 'zod';

// Prefixed ids make a wrong id kind a validation error instead of a silent "not found".
/** The part after the prefix, for every catalogue id (and the identity API's 32-hex uuids). */
export const ID_BODY = '[0-9a-z]{8,40}';
export const idBody = z.string().regex(new RegExp(`^${ID_BODY}$`));

export const LibraryId = z.templateLiteral(['library_', idBody]);
export const FolderId = z.templateLiteral(['folder_', idBody]);
export const AssetId = z.templateLiteral(['asset_', idBody]);
export const FaceId = z.templateLiteral(['face_', idBody]);
export const PersonId = z.templateLiteral(['person_', idBody]);
export const JobId = z.templateLiteral(['job_', idBody]);
export const MergeId = z.templateLiteral(['merge_', idBody]);
export const ApiKeyId = z.templateLiteral(['apikey_', idBody]);
/** A face found by `faces.detect` in an uploaded image: not catalogued, kept until it expires (the cloud API's faceId). */
export const DetectedFaceId = z.uuid();

export type LibraryId = z.infer<typeof LibraryId>;
export type FolderId = z.infer<typeof FolderId>;
export type AssetId = z.infer<typeof AssetId>;
export type FaceId = z.infer<typeof FaceId>;
export type PersonId = z.infer<typeof PersonId>;
export type JobId = z.infer<typeof JobId>;
export type MergeId = z.infer<typeof MergeId>;
export type ApiKeyId = z.infer<typeof ApiKeyId>;
export type DetectedFaceId = z.infer<typeof DetectedFaceId>;

export const ID_PREFIXES = ['library', 'folder', 'asset', 'face', 'person', 'job', 'merge', 'apikey'] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];
export type IdOf<P extends IdPrefix> = `${P}_${string}`;

/** An anchored pattern for ids of these prefixes; the first group is the prefix. */
export function idPattern(prefixes: readonly IdPrefix[] = ID_PREFIXES): RegExp {
  return new RegExp(`^(${prefixes.join('|')})_${ID_BODY}$`);
}

// The disk is the truth (issue 13).
// assets.skip_reason: why an asset is not catalogued (shared/domain/skip-reason.ts), next to its error text.
// assets.presence: present on disk, missing (deleted: out of the grid, kept for relink or purge) or
// offline (its folder's disk is not mounted: nothing is concluded). missing_since: when it went.
// assets.phash: a 64-bit perceptual hash (hex) of the upright image; stack_id: the asset that stands
// for a stack of near-duplicates (itself included), shown as one photo.
// scan_skips: files a scan met and did not catalogue (never became assets: unsupported types, names
// that are not UTF-8, paths too long…), replaced on every scan of their folder.
// folders.device: the folder's device at its last scan, to tell an unmounted disk from a deleted folder.
export const up = `
ALTER TABLE assets ADD COLUMN skip_reason TEXT;
ALTER TABLE assets ADD COLUMN presence TEXT NOT NULL DEFAULT 'present' CHECK (presence IN ('present', 'missing', 'offline'));
ALTER TABLE assets ADD COLUMN missing_since INTEGER;
ALTER TABLE assets ADD COLUMN phash TEXT;
ALTER TABLE assets ADD COLUMN stack_id TEXT REFERENCES assets(id) ON DELETE SET NULL;
CREATE INDEX assets_by_presence ON assets (library_id, presence) WHERE presence != 'present';
CREATE INDEX assets_by_stack ON assets (stack_id) WHERE stack_id IS NOT NULL;
CREATE INDEX assets_by_size ON assets (library_id, size);

CREATE TABLE scan_skips (
  folder_id TEXT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  rel_path TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX scan_skips_by_folder ON scan_skips (folder_id, rel_path);

ALTER TABLE folders ADD COLUMN device INTEGER;
`;

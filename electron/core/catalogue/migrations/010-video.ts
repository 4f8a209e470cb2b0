// Videos. An asset that is a video has its timeline facts on the asset (duration_ms was there from the
// start; fps and frame_count join it) and the rest of what ffprobe said in video_info. A face of a
// video is one track: the frame it shows (frame_number, frame_index: the reference API's
// `{frame}_{idx}`, timestamp_ms) plus the time ranges it is on screen (face_segments) and every
// sighting at a sampled frame (video_detections, for the player's boxes and `{frame}_{idx}` ids).
// video_windows and the detections of unfinished videos are analysis checkpoints: a killed import
// resumes a video at its first window not done. Speech chunks are sentences with a time range.
// motion_asset_id: a Live Photo's still points at the short video of the same moment, which is not
// listed as an asset of its own.
export const up = `
ALTER TABLE assets ADD COLUMN fps REAL;
ALTER TABLE assets ADD COLUMN frame_count INTEGER;
ALTER TABLE assets ADD COLUMN motion_asset_id TEXT REFERENCES assets(id) ON DELETE SET NULL;
ALTER TABLE assets ADD COLUMN motion_of TEXT REFERENCES assets(id) ON DELETE SET NULL;
ALTER TABLE faces ADD COLUMN frame_number INTEGER;
ALTER TABLE faces ADD COLUMN frame_index INTEGER;
CREATE UNIQUE INDEX faces_by_frame ON faces (asset_id, frame_number, frame_index) WHERE frame_number IS NOT NULL;

CREATE TABLE video_info (
  asset_id TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  codec TEXT NOT NULL,
  container TEXT NOT NULL,
  rotation INTEGER NOT NULL,
  coded_width INTEGER NOT NULL,
  coded_height INTEGER NOT NULL,
  audio TEXT NOT NULL,
  subtitles TEXT NOT NULL,
  content_identifier TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX video_info_by_content_id ON video_info (content_identifier) WHERE content_identifier IS NOT NULL;

CREATE TABLE video_windows (
  asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  window INTEGER NOT NULL,
  cuts TEXT NOT NULL,
  PRIMARY KEY (asset_id, window)
) STRICT, WITHOUT ROWID;

CREATE TABLE video_detections (
  asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  frame_number INTEGER NOT NULL,
  frame_index INTEGER NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL,
  w REAL NOT NULL,
  h REAL NOT NULL,
  score REAL NOT NULL,
  landmarks TEXT NOT NULL,
  embedding BLOB,
  crop TEXT,
  quality REAL NOT NULL,
  face_id TEXT REFERENCES faces(id) ON DELETE SET NULL,
  PRIMARY KEY (asset_id, frame_number, frame_index)
) STRICT, WITHOUT ROWID;
CREATE INDEX video_detections_by_face ON video_detections (face_id) WHERE face_id IS NOT NULL;

CREATE TABLE face_segments (
  face_id TEXT NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  PRIMARY KEY (face_id, start_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE speech_chunks (
  asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (asset_id, seq)
) STRICT, WITHOUT ROWID;
`;

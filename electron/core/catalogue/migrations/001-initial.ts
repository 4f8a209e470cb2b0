// The first schema. Boxes and landmarks are in display-space pixels (after EXIF orientation).
// Times are epoch milliseconds. Embeddings are little-endian float32 blobs, L2-normalised.
export const up = `
CREATE TABLE libraries (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE folders (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  UNIQUE (library_id, path)
) STRICT;

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  folder_id TEXT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  rel_path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  content_hash TEXT,
  mime TEXT,
  width INTEGER,
  height INTEGER,
  orientation INTEGER,
  taken_at INTEGER,
  sort_at INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'error', 'duplicate')),
  error TEXT,
  duplicate_of TEXT REFERENCES assets(id) ON DELETE SET NULL,
  face_count INTEGER NOT NULL DEFAULT 0,
  analyzed_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (library_id, path)
) STRICT;
CREATE INDEX assets_by_status ON assets (library_id, status, folder_id);
CREATE INDEX assets_by_hash ON assets (library_id, content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX assets_by_time ON assets (library_id, status, sort_at DESC, id DESC);
CREATE INDEX assets_all_by_time ON assets (status, sort_at DESC, id DESC);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  name TEXT,
  birth_date TEXT,
  is_hidden INTEGER NOT NULL DEFAULT 0,
  is_favorite INTEGER NOT NULL DEFAULT 0,
  thumbnail_face_id TEXT REFERENCES faces(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('confirmed', 'pending', 'inactive')),
  source TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'user_defined', 'merged')),
  merged_into TEXT REFERENCES people(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX people_by_library ON people (library_id, merged_into);

CREATE TABLE faces (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  x REAL NOT NULL,
  y REAL NOT NULL,
  w REAL NOT NULL,
  h REAL NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('automatic', 'manual')),
  confidence REAL,
  landmarks TEXT,
  timestamp_ms INTEGER,
  detector TEXT,
  embedding BLOB,
  embedder TEXT,
  person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  assignment TEXT CHECK (assignment IN ('auto', 'user')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX faces_by_asset ON faces (asset_id);
CREATE INDEX faces_by_person ON faces (person_id);
CREATE INDEX faces_by_library ON faces (library_id, person_id);

CREATE TABLE face_rejections (
  face_id TEXT NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (face_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX rejections_by_person ON face_rejections (person_id);

CREATE TABLE merges (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  target_person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  source_person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  snapshot TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  undone_at INTEGER
) STRICT;
CREATE INDEX merges_by_target ON merges (target_person_id, created_at);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
  payload TEXT NOT NULL,
  progress TEXT NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX jobs_by_state ON jobs (state, created_at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;

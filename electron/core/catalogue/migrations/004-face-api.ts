// The cloud face API's own state, apart from the photo catalogue.
// detected_faces: faces found in uploaded images. No photo is kept, only what comparing needs
// (embedding, box, landmarks); rows expire (expires_at, epoch ms) and are purged on access.
// image_hash (sha256 of the upload) tells group that two faces came from one picture.
// face_lists / face_list_faces: saved lists whose faces are embedding copies, so they outlive the
// detected or catalogued face they came from. A list may be bound to one library (made with a
// library-scoped API key); deleting that library deletes the list.
export const up = `
CREATE TABLE detected_faces (
  id TEXT PRIMARY KEY,
  image_hash TEXT NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL,
  w REAL NOT NULL,
  h REAL NOT NULL,
  landmarks TEXT NOT NULL,
  confidence REAL NOT NULL,
  embedding BLOB NOT NULL,
  embedder TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX detected_faces_by_expiry ON detected_faces (expires_at);

CREATE TABLE face_lists (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  user_data TEXT,
  library_id TEXT REFERENCES libraries(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE face_list_faces (
  id TEXT PRIMARY KEY,
  face_list_id TEXT NOT NULL REFERENCES face_lists(id) ON DELETE CASCADE,
  source_face_id TEXT,
  user_data TEXT,
  embedding BLOB NOT NULL,
  embedder TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX face_list_faces_by_list ON face_list_faces (face_list_id, created_at);
`;

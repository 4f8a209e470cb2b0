// The reference APIs completed (issue 17). First the cloud face API's own state beside the catalogue.
// face_api_groups: person groups a client named. id is the client's personGroupId (1-64 of
// [a-z0-9_-]); library_id the library it stands for. made_by_api: the library was created by PUT
// (only those may be deleted through the API). Libraries without a row are groups under their own id.
// face_api_user_data: the client's free text on persons and on catalogued faces used as persisted
// faces (exactly one of person_id, face_id), gone with its subject.
// person_faces: faces added to a person from uploaded bytes: no photo is kept, only the embedding
// (and the box in the upload); they are exemplars of the person for identify and verify.
// face_api_trainings: the last training of a library's person models (rebuilt asynchronously).
// face_api_snapshots: taken snapshots (the data is a file in the data folder's snapshots/), until
// expires_at. face_api_operations: take and apply operations and their status.
// faces_by_time: faces listed newest first (the photo-library API's order), paged by cursor.
// person_identities.reference_source / reference_status: the source and status an identity.json
// upload gave (the identity API shows them; Kindred's own person source and status stay derived).
// person_identities_by_external_nocase: an uploaded uuid in a URL matches in either case.
export const up = `
CREATE INDEX faces_by_time ON faces (library_id, created_at, id);
ALTER TABLE person_identities ADD COLUMN reference_source TEXT CHECK (reference_source IN ('.json', 'auto', 'tmdb', 'user_defined', 'merged'));
CREATE INDEX person_identities_by_external_nocase ON person_identities (external_uuid COLLATE NOCASE) WHERE external_uuid IS NOT NULL;
ALTER TABLE person_identities ADD COLUMN reference_status TEXT CHECK (reference_status IN ('confirmed', 'pending', 'inactive'));

CREATE TABLE face_api_groups (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL UNIQUE REFERENCES libraries(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  user_data TEXT,
  made_by_api INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE face_api_user_data (
  subject_id TEXT PRIMARY KEY,
  person_id TEXT REFERENCES people(id) ON DELETE CASCADE,
  face_id TEXT REFERENCES faces(id) ON DELETE CASCADE,
  user_data TEXT NOT NULL,
  CHECK ((person_id IS NULL) != (face_id IS NULL))
) STRICT;

CREATE TABLE person_faces (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  user_data TEXT,
  x REAL NOT NULL,
  y REAL NOT NULL,
  w REAL NOT NULL,
  h REAL NOT NULL,
  image_hash TEXT NOT NULL,
  embedding BLOB NOT NULL,
  embedder TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX person_faces_by_person ON person_faces (person_id);
CREATE INDEX person_faces_by_library ON person_faces (library_id, person_id);

CREATE TABLE face_api_trainings (
  library_id TEXT PRIMARY KEY REFERENCES libraries(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  created_at INTEGER NOT NULL,
  last_action_at INTEGER NOT NULL,
  last_success_at INTEGER,
  message TEXT
) STRICT;

CREATE TABLE face_api_snapshots (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('FaceList', 'LargeFaceList', 'PersonGroup', 'LargePersonGroup')),
  source_id TEXT NOT NULL,
  apply_scope TEXT NOT NULL,
  user_data TEXT,
  library_id TEXT REFERENCES libraries(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE face_api_operations (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('notstarted', 'running', 'succeeded', 'failed')),
  library_id TEXT REFERENCES libraries(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_action_at INTEGER NOT NULL,
  resource_location TEXT,
  message TEXT
) STRICT;
`;

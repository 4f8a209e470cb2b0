// Identity-API extras on a person, in their own table so the people table (and every query over it)
// stays as it was. A row exists only once something was uploaded or set; no row means all defaults.
// The profile image itself is a file in the cache dir; profile_mime says which one is current.
export const up = `
CREATE TABLE person_identities (
  person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  identity_type TEXT CHECK (identity_type IN ('people')),
  external_uuid TEXT,
  tmdb_id INTEGER,
  metadata TEXT NOT NULL DEFAULT '{}',
  profile_mime TEXT CHECK (profile_mime IN ('image/jpeg', 'image/png')),
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX person_identities_by_external ON person_identities (external_uuid) WHERE external_uuid IS NOT NULL;
`;

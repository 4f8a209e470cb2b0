// Keys for the local REST API. Only a SHA-256 of each secret is stored: the catalogue file leaking
// must not leak working keys.
export const up = `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  library_id TEXT REFERENCES libraries(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;
`;

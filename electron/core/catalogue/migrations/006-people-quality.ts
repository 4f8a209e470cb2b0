// Face quality for recognition, measured when a face is analysed (electron/core/vision/face-quality.ts):
// the level the people engine acts on, and the measures behind it. Faces analysed before this have
// NULL throughout: unknown, which the engine treats as medium until the photo is analysed again.
// person_rejections: "these two are not the same person", a cannot-link between people; ids are
// stored in order (person_id < other_person_id) so a pair has one row. A merged-away person's
// rejections apply to the person it lives on in (resolved when read, so an unmerge needs no repair).
export const up = `
ALTER TABLE faces ADD COLUMN quality TEXT CHECK (quality IN ('low', 'medium', 'high'));
ALTER TABLE faces ADD COLUMN quality_size REAL;
ALTER TABLE faces ADD COLUMN quality_sharpness REAL;
ALTER TABLE faces ADD COLUMN quality_exposure REAL;
ALTER TABLE faces ADD COLUMN quality_clipped REAL;
ALTER TABLE faces ADD COLUMN head_yaw REAL;
ALTER TABLE faces ADD COLUMN head_pitch REAL;
ALTER TABLE faces ADD COLUMN head_roll REAL;

CREATE TABLE person_rejections (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  other_person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, other_person_id),
  CHECK (person_id < other_person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_rejections_by_other ON person_rejections (other_person_id);
`;

// Hidden photos (issue 12): out of the grid, the timeline and the viewer's previous / next, kept with
// their faces and people, shown again from the library's Hidden photos. hidden_at: when it was hidden.
export const up = `
ALTER TABLE assets ADD COLUMN hidden_at INTEGER;
CREATE INDEX assets_hidden ON assets (library_id, sort_at) WHERE hidden_at IS NOT NULL;
`;

// assets.note: a problem a photo was catalogued with anyway, in one sentence for the user: a damaged or
// truncated file decoded as far as its data goes, a header that claims more pixels than the file holds.
export const up = `
ALTER TABLE assets ADD COLUMN note TEXT;
`;

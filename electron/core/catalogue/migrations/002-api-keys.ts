export const up = `
`;

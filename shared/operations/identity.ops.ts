// Operations behind the identity API: a person's files, identity.json, profile images.
export const identityOps = {};

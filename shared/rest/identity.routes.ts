import type { RestRoute } from './define.ts';

/** The identity API (identities, search, files, faces, bind/unbind, identity.json, profile image) over people. */
export const identityRoutes: RestRoute[] = [];

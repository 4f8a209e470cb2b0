import type { RestRoute } from './define.ts';
import { photoRoutes } from './photo.routes.ts';
import { identityRoutes } from './identity.routes.ts';
import { faceApiRoutes } from './face-api.routes.ts';

/** Every route of the local REST API; the host mounts exactly these and documents them in /api/openapi.json. */
export const restRoutes: readonly RestRoute[] = [...photoRoutes, ...identityRoutes, ...faceApiRoutes];

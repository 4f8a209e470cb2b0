import type { RestRoute } from './define.ts';
import { faceRoutes } from './photo.faces.routes.ts';
import { peopleRoutes } from './photo.people.routes.ts';
import { assetRoutes } from './photo.assets.routes.ts';
import { peopleActionRoutes } from './photo.people-actions.routes.ts';
import { xmpRoutes } from './photo.xmp.routes.ts';

/** The photo-library API: faces, people, assets and libraries under /api. */
export const photoRoutes: RestRoute[] = [...faceRoutes, ...peopleRoutes, ...peopleActionRoutes, ...assetRoutes, ...xmpRoutes];

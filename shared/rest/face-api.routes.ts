import type { RestRoute } from './define.ts';
import { detectRoutes } from './face-api.detect.routes.ts';
import { recognitionRoutes } from './face-api.recognition.routes.ts';
import { personGroupRoutes } from './face-api.person-groups.routes.ts';
import { faceListRoutes } from './face-api.face-lists.routes.ts';
import { snapshotRoutes } from './face-api.snapshots.routes.ts';

/**
 * The cloud face API (detect, verify, identify, findsimilars, group, person groups, face lists, snapshots) under
 * /face/v1.0, so clients of the cloud API can point at Kindred. shared/rest/face-api.md maps it.
 */
export const faceApiRoutes: RestRoute[] = [...detectRoutes, ...recognitionRoutes, ...personGroupRoutes, ...faceListRoutes, ...snapshotRoutes];

import type { RestRoute } from './define.ts';

/** The cloud face API (detect, verify, identify, findsimilars, group, person groups, face lists) under /face/v1.0. */
export const faceApiRoutes: RestRoute[] = [];

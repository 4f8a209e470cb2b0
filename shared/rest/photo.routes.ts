import type { RestRoute } from './define.ts';

export const photoRoutes: RestRoute[] = [];

/** Where the local REST API lives: the photo-library and identity APIs under /api, the cloud face API under its own base path. */
export const API_PREFIXES = ['/api/', '/face/v1.0/'] as const;

export function isApiPath(url: string): boolean {
  return API_PREFIXES.some((p) => url.startsWith(p)) || url === '/api' || url === '/face/v1.0';
}

/** `/api/faces/{face_id}` (OpenAPI) → `/api/faces/:face_id` (Fastify). */
export function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

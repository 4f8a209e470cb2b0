import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import send from '@fastify/send';

export interface VideoStream {
  status: number;
  headers: Record<string, string>;
  /** The bytes asked for (all, or the Range), or an empty body (304, 416, HEAD). */
  body: Readable;
}

/** What the transports pass on from a player's request: only its method and headers are read. */
export interface StreamRequest {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A catalogued video's original for the player, read-only, through @fastify/send: byte ranges (the
 * player seeks by asking for the part it needs), conditional requests (ETag, Last-Modified) and HEAD.
 * The path comes from the catalogue, never from the request; the type is the one the import sniffed.
 */
export async function streamVideo(path: string, mime: string, req: StreamRequest): Promise<VideoStream> {
  const r = await send(req as never, `/${encodeURIComponent(basename(path))}`, { root: dirname(path), dotfiles: 'allow', index: false, contentType: false, cacheControl: false });
  const headers = { ...r.headers };
  if (r.type === 'file') headers['Content-Type'] = mime;
  headers['Cache-Control'] = 'private, no-cache';
  return { status: r.statusCode, headers, body: r.stream };
}

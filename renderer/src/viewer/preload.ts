import type { AssetId } from '../../../shared/ids.ts';
import { mediaUrl } from '../client/client.ts';

// Previews fetched and decoded ahead: from the press that opens a photo (before the viewer has
// rendered, and before its own requests queue up at the core) and for the next photo. Held here so
// Chromium serves the viewer's <img> of the same URL from them instead of fetching and decoding again.
const HOLD = 6;
const held = new Map<string, HTMLImageElement>();

export function preloadPreview(id: AssetId): void {
  const url = mediaUrl('preview', id);
  if (held.has(url)) return;
  const img = new Image();
  img.fetchPriority = 'high';
  img.src = url;
  img.decode().catch(() => undefined);
  held.set(url, img);
  while (held.size > HOLD) held.delete(held.keys().next().value!);
}

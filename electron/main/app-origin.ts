// The app's own origins. Pages come from a privileged custom scheme, never file:// or http://, so
// "is this frame ours?" is an exact scheme + host comparison. No Electron imports: tested in Node.

/** Pages: kindred://app/ (the renderer, dist/renderer) and kindred://setup/ (the first-run screen). */
export const APP_SCHEME = 'kindred';
export { MEDIA_SCHEME } from '../../shared/media.ts';

export const APP_HOSTS = ['app', 'setup'] as const;
export type AppHost = (typeof APP_HOSTS)[number];

export const UI_URL = `${APP_SCHEME}://app/index.html`;
export const SETUP_URL = `${APP_SCHEME}://setup/index.html`;

/**
 * Which of the app's pages `url` belongs to, or null for anything else (other schemes, hosts,
 * credentials or ports, unparsable strings). Node's URL gives custom schemes an opaque "null"
 * origin, so compare scheme and host, not `.origin`.
 */
export function appHostOf(url: string | null | undefined): AppHost | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.username || u.password || u.port) return null;
  return (APP_HOSTS as readonly string[]).includes(u.host) ? (u.host as AppHost) : null;
}

export function isAppUrl(url: string | null | undefined, hosts: readonly AppHost[] = APP_HOSTS): boolean {
  const host = appHostOf(url);
  return host !== null && hosts.includes(host);
}

/**
 * The page may load only its own scripts, styles and images (plus data: for the few tiny assets
 * Vite inlines), talk only to this server, and be framed by nobody. `base-uri 'self'` allows the
 * `<base href="/">` the server injects so the SPA works from any path.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Everything that is not the page (JSON, images, the event stream): nothing may run in it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

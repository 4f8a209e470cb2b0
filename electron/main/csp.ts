import { MEDIA_SCHEME } from './app-origin.ts';

/**
 * The pages' Content-Security-Policy, sent as a header with every kindred:// response. Scripts and
 * styles only from the app's own files (no inline script, no eval); images also from the media
 * scheme; no network, no frames, no plugins, no forms, no <base>.
 * React sets style through the CSSOM (element.style), which style-src does not restrict.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' ${MEDIA_SCHEME}: data: blob:`,
  `media-src 'self' ${MEDIA_SCHEME}:`,
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

/** For images served by id: nothing in them may run or load anything. */
export const MEDIA_CSP = "default-src 'none'; sandbox";

export function pageHeaders(mime: string): Record<string, string> {
  return {
    'Content-Type': mime,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

export function mediaHeaders(mime: string): Record<string, string> {
  return {
    'Content-Type': mime,
    'Content-Security-Policy': MEDIA_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=3600',
  };
}

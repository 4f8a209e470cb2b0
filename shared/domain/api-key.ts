import { z } from 'zod';
import { ApiKeyId, LibraryId } from '../ids.ts';
import { Timestamp } from './common.ts';

/** A key for the local REST API. The secret itself is shown once, at creation, and stored only as a hash. */
export const ApiKey = z.object({
  id: ApiKeyId,
  name: z.string(),
  /** The secret's first characters, so the user can tell keys apart (`kdk_AbCd…`). */
  prefix: z.string(),
  /** The one library the key may use; null: every library. */
  library_id: LibraryId.nullable(),
  created_at: Timestamp,
  last_used_at: Timestamp.nullable(),
  revoked_at: Timestamp.nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyName = z.string().trim().min(1, 'a key needs a name').max(100);

/** Where the desktop app serves the local REST API, when the user switches it on. */
export const ApiSettings = z.object({
  api_enabled: z.boolean(),
  /** 127.0.0.1 unless the user chooses to open it to the network. */
  api_host: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]),
  api_port: z.number().int().min(1024).max(65535),
});
export type ApiSettings = z.infer<typeof ApiSettings>;

/** An address only this computer can reach: anything else opens the API to the network. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export const DEFAULT_API_SETTINGS: ApiSettings = { api_enabled: false, api_host: '127.0.0.1', api_port: 7879 };

/**
 * What the desktop app's API server is doing right now. `unmanaged`: this process runs no API service
 * of its own (the CLI, or `kindred serve`, which always serves the API on its own port).
 */
export const ApiStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('serving'), origin: z.string() }),
  z.object({ state: z.literal('failed'), message: z.string() }),
  z.object({ state: z.literal('unmanaged') }),
]);
export type ApiStatus = z.infer<typeof ApiStatus>;

export const ApiSettingsView = ApiSettings.extend({ status: ApiStatus });
export type ApiSettingsView = z.infer<typeof ApiSettingsView>;

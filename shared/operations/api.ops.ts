import { z } from 'zod';
import { ApiKeyId, LibraryId } from '../ids.ts';
import { ApiKey, ApiKeyName, ApiSettings, ApiSettingsView } from '../domain/api-key.ts';
import { op } from './define.ts';

// Operations behind the local REST API itself: API keys and the settings that switch it on. The
// settings window and `kindred api-key` both use these.
export const apiOps = {
  'api_keys.create': op({
    summary: 'Create an API key for the local REST API; the secret is in this reply only.',
    access: 'renderer',
    input: z.object({ name: ApiKeyName, library_id: LibraryId.optional() }),
    output: z.object({ key: ApiKey, secret: z.string() }),
  }),
  'api_keys.list': op({
    summary: 'API keys, newest first; revoked ones only if asked.',
    access: 'renderer',
    input: z.object({ include_revoked: z.boolean().default(false) }),
    output: z.array(ApiKey),
  }),
  'api_keys.revoke': op({
    summary: 'Revoke an API key: requests with it are refused from now on.',
    access: 'renderer',
    input: z.object({ key_id: ApiKeyId }),
    output: ApiKey,
  }),
  'settings.api': op({
    summary: 'Whether and where the desktop app serves the local REST API, and what its server is doing.',
    access: 'renderer',
    input: z.object({}),
    output: ApiSettingsView,
  }),
  'settings.update_api': op({
    summary: 'Switch the local REST API on or off, or move it.',
    access: 'renderer',
    input: ApiSettings.partial(),
    output: ApiSettingsView,
  }),
};

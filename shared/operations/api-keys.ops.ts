import { z } from 'zod';
import { ApiKeyId, LibraryId } from '../ids.ts';
import { ApiKey, ApiKeyName } from '../domain/api-key.ts';
import { op } from './define.ts';

// The local REST API's keys. The settings window and `kindred api-key` both use these.
export const apiKeyOps = {
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
};

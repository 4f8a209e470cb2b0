import { KindredError } from '../../../shared/errors.ts';
import type { apiKeyOps } from '../../../shared/operations/api-keys.ops.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';

export function apiKeyHandlers({ catalogue }: CoreContext): HandlersOf<typeof apiKeyOps> {
  return {
    'api_keys.create': async ({ name, library_id }) => {
      if (library_id && !catalogue.libraries.get(library_id)) throw new KindredError('not_found', `No library ${library_id}.`);
      return catalogue.apiKeys.create(name, library_id ?? null);
    },
    'api_keys.list': async ({ include_revoked }) => catalogue.apiKeys.list(include_revoked),
    'api_keys.revoke': async ({ key_id }) => {
      found(catalogue.apiKeys.get(key_id), `API key ${key_id}`);
      catalogue.apiKeys.revoke(key_id);
      return catalogue.apiKeys.get(key_id)!;
    },
  };
}

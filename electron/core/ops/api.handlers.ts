import type { Handlers } from '../../../shared/contract.ts';
import { ApiSettings, DEFAULT_API_SETTINGS } from '../../../shared/domain/api-key.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

type ApiOps = 'api_keys.create' | 'api_keys.list' | 'api_keys.revoke' | 'settings.api' | 'settings.update_api';

const API_SETTINGS_KEY = 'api';

export function apiHandlers(ctx: CoreContext): Pick<Handlers, ApiOps> {
  const { catalogue } = ctx;
  const settings = () => catalogue.settings.read(API_SETTINGS_KEY, ApiSettings, DEFAULT_API_SETTINGS);
  const view = (s: ApiSettings) => ({ ...s, status: ctx.apiStatus.current });
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
    'settings.api': async () => view(settings()),
    'settings.update_api': async (patch) => {
      const next = { ...settings(), ...patch };
      catalogue.settings.write(API_SETTINGS_KEY, next);
      ctx.events.emit('settings.changed', { api: next });
      return view(next);
    },
  };
}

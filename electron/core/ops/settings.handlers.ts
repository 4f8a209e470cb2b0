import { ApiSettings, DEFAULT_API_SETTINGS } from '../../../shared/domain/api-key.ts';
import type { settingsOps } from '../../../shared/operations/settings.ops.ts';
import type { CoreContext } from './context.ts';
import type { HandlersOf } from './handler-types.ts';

const API_SETTINGS_KEY = 'api';

export function settingsHandlers(ctx: CoreContext): HandlersOf<typeof settingsOps> {
  const { catalogue } = ctx;
  const settings = () => catalogue.settings.read(API_SETTINGS_KEY, ApiSettings, DEFAULT_API_SETTINGS);
  const view = (s: ApiSettings) => ({ ...s, status: ctx.apiStatus.current });
  return {
    'settings.api': async () => view(settings()),
    'settings.update_api': async (patch) => {
      const next = { ...settings(), ...patch };
      catalogue.settings.write(API_SETTINGS_KEY, next);
      ctx.events.emit('settings.changed', { api: next });
      return view(next);
    },
  };
}

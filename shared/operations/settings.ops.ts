import { z } from 'zod';
import { ApiSettings, ApiSettingsView } from '../domain/api-key.ts';
import { op } from './define.ts';

// App settings. The local REST API's: whether and where the desktop app serves it.
export const settingsOps = {
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

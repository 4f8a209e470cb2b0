import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { catalogueOps } from '../../../shared/operations/catalogue.ops.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { HandlersOf } from './handler-types.ts';
import { backupCatalogue } from '../catalogue/backup.ts';
import { checkBackup } from '../catalogue/backup-check.ts';
import type { CoreContext } from './context.ts';
import { replacement } from './mutation.ts';

export function catalogueHandlers(ctx: CoreContext): HandlersOf<typeof catalogueOps> {
  const { catalogue } = ctx;
  return {
    'catalogue.backup': async ({ path }) => {
      if (catalogue.file && resolve(path) === resolve(catalogue.file)) throw new KindredError('invalid_input', 'A backup cannot be written over the catalogue itself.');
      // An earlier backup may be replaced; any other file never is.
      if (existsSync(path)) {
        try {
          checkBackup(path);
        } catch {
          throw new KindredError('conflict', `${path} exists and is not a Kindred backup; it was left as it is. Choose another file.`);
        }
      }
      const { bytes } = await backupCatalogue(catalogue.db, path);
      return { bytes, ...counts(checkBackup(path)) };
    },
    'catalogue.restore': async ({ path }) => {
      const summary = checkBackup(path);
      if (catalogue.jobs.list({ active: true }).some((j) => j.state === 'running' || j.state === 'queued')) {
        throw new KindredError('conflict', 'An import is running: pause or cancel it, then restore.');
      }
      await replacement(ctx, 'catalogue.restore', () => catalogue.replaceWith(path));
      return { bytes: (await stat(path)).size, ...counts(summary) };
    },
  };
}

const counts = (s: { libraries: number; assets: number; faces: number; people: number }) => ({ libraries: s.libraries, assets: s.assets, faces: s.faces, people: s.people });

import type { catalogueOps } from '../../../shared/operations/catalogue.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { backupCatalogue } from '../catalogue/backup.ts';
import type { CoreContext } from './context.ts';

export function catalogueHandlers({ catalogue }: CoreContext): HandlersOf<typeof catalogueOps> {
  return {
    'catalogue.backup': async ({ path }) => backupCatalogue(catalogue.db, path),
  };
}

import type { Handlers } from '../../../shared/contract.ts';
import { backupCatalogue } from '../catalogue/backup.ts';
import type { CoreContext } from './context.ts';

export function catalogueHandlers({ catalogue }: CoreContext): Pick<Handlers, 'catalogue.backup'> {
  return {
    'catalogue.backup': async ({ path }) => backupCatalogue(catalogue.db, path),
  };
}

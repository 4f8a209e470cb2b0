import type { CatalogueTopic } from '../../../shared/events.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';

/** Tell every client that faces and people of a library changed, so views refetch. */
export function changed(ctx: CoreContext, libraryId: LibraryId, topics: CatalogueTopic[] = ['faces', 'people']): void {
  ctx.events.emit('catalogue.changed', { library_id: libraryId, topics });
}

import type { AssetId, PersonId } from '../../shared/ids.ts';

// Every view has a URL (a hash route, which works on the local host and on Electron's custom scheme
// alike); reload and Back/Forward restore the view, its filters, its scroll position and the open photo.

export type PeopleSort = 'count' | 'name' | 'recent';
export type PersonTab = 'photos' | 'faces';

export type Route =
  | { name: 'library'; people: PersonId[]; photo: AssetId | null; /** The photos the user hid, instead of the others. */ hidden?: boolean }
  | { name: 'people'; q: string; sort: PeopleSort; hidden: boolean }
  | { name: 'person'; id: PersonId; tab: PersonTab; photo: AssetId | null }
  | { name: 'review' }
  | { name: 'import' }
  | { name: 'settings' }
  | { name: 'missing' };

export type RouteName = Route['name'];

const ID = /^[a-z]+_[0-9a-z]{8,40}$/;
const isId = <T extends string>(s: string | null | undefined, prefix: string): s is T => !!s && ID.test(s) && s.startsWith(`${prefix}_`);

export const LIBRARY: Route = { name: 'library', people: [], photo: null };

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const q = new URLSearchParams(query);
  const [name, id] = path.split('/');
  const photo = q.get('photo');
  const openPhoto = isId<AssetId>(photo, 'asset') ? photo : null;
  switch (name) {
    case 'people': {
      const sort = q.get('sort');
      return { name: 'people', q: q.get('q') ?? '', sort: sort === 'name' || sort === 'recent' ? sort : 'count', hidden: q.get('hidden') === '1' };
    }
    case 'person':
      if (isId<PersonId>(id, 'person')) return { name: 'person', id, tab: q.get('tab') === 'faces' ? 'faces' : 'photos', photo: openPhoto };
      return LIBRARY;
    case 'review':
    case 'import':
    case 'settings':
    case 'missing':
      return { name };
    default: {
      const people = (q.get('people') ?? '').split(',').filter((p): p is PersonId => isId<PersonId>(p, 'person'));
      return { name: 'library', people: [...new Set(people)].slice(0, 20), photo: openPhoto, ...(q.get('hidden') === '1' ? { hidden: true } : {}) };
    }
  }
}

export function formatRoute(r: Route): string {
  const q = new URLSearchParams();
  let path: string = r.name;
  switch (r.name) {
    case 'library':
      if (r.people.length) q.set('people', r.people.join(','));
      if (r.hidden) q.set('hidden', '1');
      if (r.photo) q.set('photo', r.photo);
      break;
    case 'people':
      if (r.q) q.set('q', r.q);
      if (r.sort !== 'count') q.set('sort', r.sort);
      if (r.hidden) q.set('hidden', '1');
      break;
    case 'person':
      path = `person/${r.id}`;
      if (r.tab !== 'photos') q.set('tab', r.tab);
      if (r.photo) q.set('photo', r.photo);
      break;
  }
  const s = q.toString().replace(/%2C/g, ',');
  return `#/${path}${s ? `?${s}` : ''}`;
}

type Listener = (r: Route) => void;
const depth = (): number => (history.state as { depth?: number } | null)?.depth ?? 0;
let onRoute: Listener = () => {};

/** Go to a route: a new history entry, or in place (filters typed into a search box, the next photo). */
export function navigate(route: Route, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const url = formatRoute(route);
  if (url !== location.hash) {
    if (opts.replace) history.replaceState(history.state, '', url);
    // Each entry the app pushes knows how deep it is, so back() can tell whether Back stays in the app.
    // A photo opened over a grid keeps the grid's scroll, so a reload there finds the grid in place.
    else history.pushState({ ...(opts.keepScroll ? scrollState() : {}), depth: depth() + 1 }, '', url);
  }
  onRoute(route);
}

/** Back when the previous entry is ours (the viewer's ← after opening a photo), else to `fallback`. */
export function back(fallback: Route): void {
  if (depth() > 0) history.back();
  else navigate(fallback, { replace: true });
}

/** Follow Back/Forward and typed URLs; returns the uninstaller. */
export function installRouter(listener: Listener): () => void {
  onRoute = listener;
  const sync = () => listener(parseHash(location.hash));
  window.addEventListener('popstate', sync);
  window.addEventListener('hashchange', sync);
  return () => {
    window.removeEventListener('popstate', sync);
    window.removeEventListener('hashchange', sync);
  };
}

/** Remember a number (a scroll position) in the current history entry: it survives reload and Back/Forward. */
export function remember(key: string, value: number): void {
  const state = (history.state as Record<string, unknown> | null) ?? {};
  if (state[key] === value) return;
  history.replaceState({ ...state, [key]: value }, '');
}

function scrollState(): Record<string, number> {
  const state = (history.state as Record<string, unknown> | null) ?? {};
  return Object.fromEntries(Object.entries(state).filter((e): e is [string, number] => e[0].startsWith('scroll:') && typeof e[1] === 'number'));
}

export function recall(key: string): number | null {
  const v = (history.state as Record<string, unknown> | null)?.[key];
  return typeof v === 'number' ? v : null;
}

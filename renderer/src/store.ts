import { create } from 'zustand';
import type { CatalogueTopic } from '../../shared/events.ts';
import type { LibraryId } from '../../shared/ids.ts';
import { parseHash, type Route } from './router.ts';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  /** The undo entry this toast reports: its Undo button shows while that entry is the next to undo. */
  undoEntry?: number;
}

interface AppState {
  route: Route;
  /** One counter per catalogue topic, bumped by catalogue.changed: a view refetches only for the topics it shows. */
  revisions: Record<CatalogueTopic, number>;
  /** The library the app shows (the switcher in the sidebar); null = all of them. */
  library: LibraryId | null;
  toasts: Toast[];
  shortcutsOpen: boolean;
  setRoute(route: Route): void;
  changed(topics: readonly CatalogueTopic[]): void;
  setLibrary(id: LibraryId | null): void;
  toast(text: string, opts?: { tone?: Toast['tone']; undoEntry?: number }): void;
  dismiss(id: number): void;
  setShortcutsOpen(open: boolean): void;
}

let nextToast = 1;
const LIBRARY_KEY = 'kindred.library';

function storedLibrary(): LibraryId | null {
  try {
    return (globalThis.localStorage?.getItem(LIBRARY_KEY) as LibraryId | null) ?? null;
  } catch {
    return null;
  }
}

export const useApp = create<AppState>((set) => ({
  route: parseHash(globalThis.location?.hash ?? ''),
  revisions: { libraries: 0, assets: 0, faces: 0, people: 0 },
  library: storedLibrary(),
  toasts: [],
  shortcutsOpen: false,
  setRoute: (route) => set({ route }),
  changed: (topics) =>
    set((s) => {
      const revisions = { ...s.revisions };
      for (const t of topics) revisions[t] += 1;
      return { revisions };
    }),
  setLibrary: (library) => {
    try {
      if (library) globalThis.localStorage?.setItem(LIBRARY_KEY, library);
      else globalThis.localStorage?.removeItem(LIBRARY_KEY);
    } catch {
      // private mode: the choice lasts for this page only
    }
    set({ library });
  },
  toast: (text, opts = {}) => {
    const id = nextToast++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, tone: opts.tone ?? 'info', ...(opts.undoEntry !== undefined ? { undoEntry: opts.undoEntry } : {}) }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), opts.tone === 'error' ? 10_000 : 7000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));

import { create } from 'zustand';
import type { AssetId, PersonId } from '../../shared/ids.ts';

export type View = { name: 'library' } | { name: 'people' } | { name: 'person'; id: PersonId } | { name: 'photo'; id: AssetId } | { name: 'review' } | { name: 'import' } | { name: 'settings' } | { name: 'missing' };

export interface Toast {
  id: number;
  text: string;
  undo?: () => Promise<void> | void;
}

interface AppState {
  view: View;
  /** Bumped on every catalogue.changed: views refetch. */
  revision: number;
  personFilter: PersonId[];
  toasts: Toast[];
  go(view: View): void;
  changed(): void;
  setPersonFilter(ids: PersonId[]): void;
  toast(text: string, undo?: Toast['undo']): void;
  dismiss(id: number): void;
}

let nextToast = 1;

export const useApp = create<AppState>((set) => ({
  view: { name: 'library' },
  revision: 0,
  personFilter: [],
  toasts: [],
  go: (view) => set({ view }),
  changed: () => set((s) => ({ revision: s.revision + 1 })),
  setPersonFilter: (personFilter) => set({ personFilter }),
  toast: (text, undo) => {
    const id = nextToast++;
    set((s) => ({ toasts: [...s.toasts, { id, text, ...(undo ? { undo } : {}) }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), 8000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

import { useApp } from './store.ts';

/** One registry for shortcuts, menus and tests: every user-visible command lives here once. */
export interface Action {
  id: string;
  label: string;
  /** KeyboardEvent.key, with an optional "Mod+" for Ctrl/Cmd. */
  shortcut?: string;
  perform(): void;
}

export const actions: Action[] = [
  { id: 'view.library', label: 'Library', shortcut: '1', perform: () => useApp.getState().go({ name: 'library' }) },
  { id: 'view.people', label: 'People', shortcut: '2', perform: () => useApp.getState().go({ name: 'people' }) },
  { id: 'view.review', label: 'Review', shortcut: '3', perform: () => useApp.getState().go({ name: 'review' }) },
  { id: 'view.import', label: 'Import', shortcut: 'Mod+o', perform: () => useApp.getState().go({ name: 'import' }) },
  { id: 'view.missing', label: 'Missing', perform: () => useApp.getState().go({ name: 'missing' }) },
  { id: 'view.settings', label: 'Settings', shortcut: 'Mod+,', perform: () => useApp.getState().go({ name: 'settings' }) },
];

export function actionForKey(e: KeyboardEvent): Action | undefined {
  const key = `${e.ctrlKey || e.metaKey ? 'Mod+' : ''}${e.key}`;
  return actions.find((a) => a.shortcut === key);
}

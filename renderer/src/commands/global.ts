import { LIBRARY, navigate, type Route } from '../router.ts';
import { writeAllSidecars } from '../library/sidecars.ts';
import { attempt } from '../hooks.ts';
import { useApp } from '../store.ts';
import type { Command } from './registry.ts';
import { canRedo, canUndo, redo, undo, useUndo } from './undo.ts';

const go = (route: Route) => () => navigate(route);

/** Commands available everywhere: the sidebar's views, undo/redo, the shortcut overlay. */
export const NAV_COMMANDS: Command[] = [
  { id: 'go.library', label: 'Library', group: 'Go', keys: ['1'], perform: go(LIBRARY) },
  { id: 'go.people', label: 'People', group: 'Go', keys: ['2'], perform: go({ name: 'people', q: '', sort: 'count', hidden: false }) },
  { id: 'go.review', label: 'Review', group: 'Go', keys: ['3'], perform: go({ name: 'review' }) },
  { id: 'go.import', label: 'Import', group: 'Go', keys: ['Mod+o'], perform: go({ name: 'import' }) },
  { id: 'go.missing', label: 'Missing', group: 'Go', perform: go({ name: 'missing' }) },
  { id: 'go.settings', label: 'Settings', group: 'Go', keys: ['Mod+,'], perform: go({ name: 'settings' }) },
];

export const GLOBAL_COMMANDS: Command[] = [
  ...NAV_COMMANDS,
  {
    id: 'edit.undo',
    get label() {
      const top = useUndo.getState().past.at(-1);
      return top ? `Undo ${top.label}` : 'Undo';
    },
    group: 'Edit',
    keys: ['Mod+z'],
    enabled: canUndo,
    perform: undo,
  },
  {
    id: 'edit.redo',
    get label() {
      const top = useUndo.getState().future.at(-1);
      return top ? `Redo ${top.label}` : 'Redo';
    },
    group: 'Edit',
    keys: ['Shift+Mod+z', 'Mod+y'],
    enabled: canRedo,
    perform: redo,
  },
  // Also File › Write Face Regions to XMP Sidecars in the desktop app's menu.
  { id: 'library.write-xmp', label: 'Write face regions to XMP sidecars', group: 'Library', perform: () => attempt(async () => useApp.getState().toast(await writeAllSidecars())) },
  { id: 'help.shortcuts', label: 'Keyboard shortcuts', group: 'Help', keys: ['?'], perform: () => useApp.getState().setShortcutsOpen(!useApp.getState().shortcutsOpen) },
];

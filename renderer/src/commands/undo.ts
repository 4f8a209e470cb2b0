import { create } from 'zustand';
import { useApp } from '../store.ts';

// Undo and redo for every change the user makes: each action records how to take itself back
// (and how to do it again). Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, the Edit menu and the toasts' Undo all
// reach these two functions through the command registry.

export interface Entry {
  id: number;
  label: string;
  undo: () => Promise<unknown>;
  redo: () => Promise<unknown>;
}

interface UndoState {
  past: Entry[];
  future: Entry[];
}

export const useUndo = create<UndoState>(() => ({ past: [], future: [] }));
let nextEntry = 1;
/** One undo or redo at a time: a second Ctrl+Z waits for the first. */
let busy: Promise<unknown> = Promise.resolve();

export interface Undoable<T> {
  /** Says what happened, e.g. "Named Alice": the toast, and "Undo Named Alice" in the menu. */
  label: string | ((result: T) => string);
  run: () => Promise<T>;
  undo: (result: T) => Promise<unknown>;
  /** Defaults to running it again. */
  redo?: (result: T) => Promise<unknown>;
}

/** Do something the user can take back; it reports itself in a toast with Undo. */
export async function perform<T>(action: Undoable<T>): Promise<T> {
  const result = await action.run();
  const label = typeof action.label === 'function' ? action.label(result) : action.label;
  let current = result;
  const entry: Entry = {
    id: nextEntry++,
    label,
    undo: () => action.undo(current),
    redo: async () => {
      if (action.redo) await action.redo(current);
      else current = await action.run();
    },
  };
  useUndo.setState((s) => ({ past: [...s.past.slice(-99), entry], future: [] }));
  useApp.getState().toast(label, { undoEntry: entry.id });
  return result;
}

// The entry moves to the other stack as soon as its step starts, so a Ctrl+Z pressed while a redo
// is still running queues behind it instead of finding nothing to undo; a step that fails leaves
// both stacks (nothing is taken back twice).
function step(from: 'past' | 'future'): Promise<void> {
  const to = from === 'past' ? 'future' : 'past';
  const s = useUndo.getState();
  const entry = s[from].at(-1);
  if (!entry) return busy.then(() => undefined);
  useUndo.setState({ [from]: s[from].slice(0, -1), [to]: [...s[to], entry] } as Partial<UndoState>);
  const run = busy.then(async () => {
    try {
      await (from === 'past' ? entry.undo() : entry.redo());
      useApp.getState().toast(from === 'past' ? `Undone: ${entry.label}` : `Redone: ${entry.label}`);
    } catch (e) {
      useUndo.setState((t) => ({ [to]: t[to].filter((x) => x !== entry) }) as Partial<UndoState>);
      useApp.getState().toast(`Could not ${from === 'past' ? 'undo' : 'redo'} “${entry.label}”: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' });
    }
  });
  busy = run.catch(() => undefined);
  return run;
}

export const undo = (): Promise<void> => step('past');
export const redo = (): Promise<void> => step('future');
export const canUndo = (): boolean => useUndo.getState().past.length > 0;
export const canRedo = (): boolean => useUndo.getState().future.length > 0;

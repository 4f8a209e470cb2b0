import { useEffect, useState } from 'react';
import { useApp } from './store.ts';

/** Load something from the core, again whenever the catalogue changes or deps change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; loading: boolean } {
  const revision = useApp((s) => s.revision);
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: null, error: e instanceof Error ? e.message : String(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [revision, ...deps]);
  return state;
}

/** Run an operation and report its error in a toast instead of throwing into React. */
export async function attempt(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    useApp.getState().toast(e instanceof Error ? e.message : String(e));
    return false;
  }
}

import { useCallback, useEffect, useState } from 'react';
import type { CatalogueTopic } from '../../shared/events.ts';
import { useApp } from './store.ts';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * Load something from the core; again when deps change or when catalogue.changed names one of
 * `topics` (what the view shows). The last data stays while a reload runs, so nothing flickers.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], topics: readonly CatalogueTopic[]): Loaded<T> {
  const revision = useApp((s) => topics.reduce((n, t) => n + s.revisions[t], 0));
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
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
    useApp.getState().toast(e instanceof Error ? e.message : String(e), { tone: 'error' });
    return false;
  }
}

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The size of an element, measured when it appears and whenever it changes: a callback ref, so an
 * element rendered later (after data loads) is measured too.
 */
export function useElementSize<E extends HTMLElement>(): [(el: E | null) => void, ElementSize, E | null] {
  const [el, setEl] = useState<E | null>(null);
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0 });
  useEffect(() => {
    if (!el) return;
    const measure = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [useCallback((e: E | null) => setEl(e), []), size, el];
}

export function useElementWidth<E extends HTMLElement>(): [(el: E | null) => void, number, E | null] {
  const [ref, size, el] = useElementSize<E>();
  return [ref, size.width, el];
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

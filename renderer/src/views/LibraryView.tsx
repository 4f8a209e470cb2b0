import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Asset } from '../../../shared/domain/asset.ts';
import { client, mediaUrl } from '../client/client.ts';
import { useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';

const TILE = 180;
const PAGE = 600;

/** A virtualised grid: only the rows on screen exist, pages of assets load as they come into view. */
export function LibraryView() {
  const { personFilter, setPersonFilter, go, revision } = useApp();
  const [libraryId, setLibraryId] = useState<string>('');
  const libraries = useLoad(() => client.invoke('libraries.list', {}), []);
  const people = useLoad(() => client.invoke('people.list', { limit: 5000, ...(libraryId ? { library_id: libraryId as never } : {}) }), [libraryId]);
  const [total, setTotal] = useState<number | null>(null);
  const pages = useRef(new Map<number, Asset[] | 'loading'>());
  const [, rerender] = useState(0);
  const parent = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const cols = Math.max(1, Math.floor(width / TILE));
  const load = (page: number) => {
    if (pages.current.has(page)) return;
    pages.current.set(page, 'loading');
    void client.invoke('assets.list', { offset: page * PAGE, limit: PAGE, ...(libraryId ? { library_id: libraryId as never } : {}), ...(personFilter.length ? { person_ids: personFilter } : {}) }).then((res) => {
      pages.current.set(page, res.items);
      setTotal(res.total);
      rerender((n) => n + 1);
    });
  };
  useEffect(() => {
    pages.current = new Map();
    setTotal(null);
    load(0);
  }, [personFilter.join(','), revision, libraryId]);
  const rows = Math.ceil((total ?? 0) / cols);
  const virtual = useVirtualizer({ count: rows, getScrollElement: () => parent.current, estimateSize: () => TILE, overscan: 4 });
  const assetAt = (i: number): Asset | undefined => {
    const page = Math.floor(i / PAGE);
    const got = pages.current.get(page);
    if (!got) load(page);
    return got && got !== 'loading' ? got[i % PAGE] : undefined;
  };
  /** Arrow keys move between photos; Enter opens one. */
  const onGridKey = (e: React.KeyboardEvent) => {
    const current = Number((document.activeElement as HTMLElement | null)?.dataset.index ?? -1);
    if (current < 0) return;
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -cols, ArrowDown: cols }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = Math.min(Math.max(0, current + step), (total ?? 1) - 1);
    virtual.scrollToIndex(Math.floor(next / cols));
    requestAnimationFrame(() => parent.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  };
  const toggle = (id: (typeof personFilter)[number]) => setPersonFilter(personFilter.includes(id) ? personFilter.filter((p) => p !== id) : [...personFilter, id]);
  return (
    <section className="view library">
      <header className="row">
        <h1>Library</h1>
        <span className="muted">{total === null ? 'Loading…' : `${total.toLocaleString()} photos`}</span>
        {(libraries.data?.length ?? 0) > 1 && (
          <select aria-label="Library" value={libraryId} onChange={(e) => setLibraryId(e.target.value)}>
            <option value="">All libraries</option>
            {libraries.data!.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        )}
        <div className="chips" aria-label="Filter by people (all must appear)">
          {people.data?.items.filter((p) => p.name).slice(0, 30).map((p) => (
            <button key={p.id} className={`chip ${personFilter.includes(p.id) ? 'on' : ''}`} aria-pressed={personFilter.includes(p.id)} onClick={() => toggle(p.id)}>{p.name}</button>
          ))}
        </div>
      </header>
      {total === 0 && (
        <div className="empty">
          <p>No photos yet.</p>
          <button onClick={() => go({ name: 'import' })}>Import a folder</button>
        </div>
      )}
      <div ref={parent} className="grid-scroll" data-testid="library-grid" onKeyDown={onGridKey}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((row) => (
            <div key={row.key} className="grid-row" style={{ transform: `translateY(${row.start}px)`, height: TILE }}>
              {Array.from({ length: cols }, (_, c) => {
                const a = assetAt(row.index * cols + c);
                if (row.index * cols + c >= (total ?? 0)) return null;
                return a ? (
                  <button key={c} data-index={row.index * cols + c} className="tile" style={{ width: TILE - 8, height: TILE - 8 }} onClick={() => go({ name: 'photo', id: a.id })} aria-label={a.file_name}>
                    <img src={mediaUrl('thumbnail', a.id)} alt="" loading="lazy" draggable={false} />
                  </button>
                ) : (
                  <div key={c} className="tile skeleton" style={{ width: TILE - 8, height: TILE - 8 }} />
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { CatalogueTopic } from '../../../shared/events.ts';
import { client, mediaUrl } from '../client/client.ts';
import type { Command } from '../commands/registry.ts';
import { contextMenuProps } from '../components/ContextMenu.tsx';
import { plural, useElementSize, useLoad } from '../hooks.ts';
import { recall, remember } from '../router.ts';
import { useApp } from '../store.ts';
import { Check } from '../ui/Icon.tsx';
import { clock, dayLabel, monthLabel } from './dates.ts';
import { layoutTimeline, rowAt, rowOfIndex, type Layout, type Row } from './layout.ts';
import { Scrubber } from './Scrubber.tsx';
import { preloadPreview } from '../viewer/preload.ts';
import { usePages, type AssetFilter } from './usePages.ts';

const OVERSCAN_PX = 600;
const FAST_PX_PER_MS = 3;
const SETTLE_MS = 120;
const SCRUBBER = 52;

export interface TimelineProps {
  filter: AssetFilter;
  /** History-state key the scroll position is kept under. */
  scrollKey: string;
  label: string;
  selected: ReadonlySet<AssetId>;
  onSelect(next: Set<AssetId>): void;
  onOpen(asset: Asset): void;
  /** Commands for a tile's context menu (after the tile is selected). */
  tileMenu(asset: Asset): Array<Command | string>;
  /** Extra words for a day header ("age 4"). */
  dayNote?: (day: string) => string | null;
  onTotal?: (total: number) => void;
  empty: ReactNode;
}

/**
 * The photos of a filter as a timeline: month and day headers, rows of tiles that fill the width,
 * a date scrubber. Only rows near the screen exist; pages of assets load as they come into view.
 */
export function Timeline(props: TimelineProps) {
  const { filter, scrollKey, selected, onSelect, onOpen } = props;
  const topics: CatalogueTopic[] = filter.person_ids?.length ? ['assets', 'faces', 'people'] : ['assets'];
  const revision = useApp((s) => topics.reduce((n, t) => n + s.revisions[t], 0));
  const key = JSON.stringify(filter);
  const timeline = useLoad(() => client.invoke('assets.timeline', filter), [key], topics);
  const pages = usePages(filter, revision);
  const [scrollRef, size, scroller] = useElementSize<HTMLDivElement>();
  const layout = useMemo(() => layoutTimeline(timeline.data?.days ?? [], Math.max(0, size.width - SCRUBBER)), [timeline.data, size.width]);
  const [range, setRange] = useState({ first: 0, last: 40 });
  const [focusIndex, setFocusIndex] = useState(0);
  const anchor = useRef<number | null>(null);
  const drag = useRef<{ from: number; base: Set<AssetId>; adding: boolean } | null>(null);
  const restored = useRef(false);
  const saveTimer = useRef(0);
  const thumbRef = useRef<(y: number) => void>(() => {});
  // While the grid flies by (a fling, the scrubber), tiles wait for the scroll to settle before asking
  // for their thumbnails: no flood of requests and decodes for photos nobody saw.
  const [settled, setSettled] = useState(true);
  const motion = useRef({ y: 0, t: 0, timer: 0 });
  const total = timeline.data?.total ?? null;

  useEffect(() => {
    if (total !== null) props.onTotal?.(total);
  }, [total]);

  const updateRange = (el: HTMLDivElement, l: Layout) => {
    const first = rowAt(l, Math.max(0, el.scrollTop - OVERSCAN_PX));
    const last = rowAt(l, el.scrollTop + el.clientHeight + OVERSCAN_PX);
    setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
  };
  // Back, Forward and reload come back to where the grid was scrolled.
  useEffect(() => {
    if (!scroller || !timeline.data || layout.rows.length === 0) {
      if (scroller) updateRange(scroller, layout);
      return;
    }
    if (!restored.current) {
      restored.current = true;
      const y = recall(scrollKey);
      if (y !== null) scroller.scrollTop = y;
    }
    updateRange(scroller, layout);
    thumbRef.current(scroller.scrollTop);
  }, [scroller, layout]);

  // Back or Forward to an entry of this same view (from the viewer, say): its scroll position again.
  useEffect(() => {
    if (!scroller) return;
    const onPop = () => {
      const y = recall(scrollKey);
      if (y !== null) scroller.scrollTop = y;
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [scroller, scrollKey]);

  const onScroll = () => {
    if (!scroller) return;
    const m = motion.current;
    const now = performance.now();
    const speed = Math.abs(scroller.scrollTop - m.y) / Math.max(1, now - m.t);
    m.y = scroller.scrollTop;
    m.t = now;
    if (speed > FAST_PX_PER_MS) setSettled(false);
    window.clearTimeout(m.timer);
    m.timer = window.setTimeout(() => setSettled(true), SETTLE_MS);
    updateRange(scroller, layout);
    thumbRef.current(scroller.scrollTop);
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => remember(scrollKey, Math.round(scroller.scrollTop)), 200);
  };

  const scrollToIndex = (index: number) => {
    if (!scroller) return;
    const row = layout.rows[rowOfIndex(layout, index)];
    if (!row) return;
    if (row.top < scroller.scrollTop) scroller.scrollTop = Math.max(0, row.top - 40);
    else if (row.top + row.height > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = row.top + row.height - scroller.clientHeight + 8;
  };
  const focusTile = (index: number) => {
    setFocusIndex(index);
    scrollToIndex(index);
    const find = () => scroller?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    // On screen: at once; scrolled into view: once its row is rendered.
    const el = find();
    if (el) el.focus();
    else requestAnimationFrame(() => find()?.focus());
  };

  const activate = (asset: Asset, index: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }, viaCheck = false) => {
    setFocusIndex(index);
    if (e.shiftKey && anchor.current !== null) {
      const next = new Set(selected);
      for (const a of pages.range(anchor.current, index)) next.add(a.id);
      onSelect(next);
      return;
    }
    if (viaCheck || e.ctrlKey || e.metaKey || selected.size > 0) {
      const next = new Set(selected);
      if (next.has(asset.id)) next.delete(asset.id);
      else next.add(asset.id);
      anchor.current = index;
      onSelect(next);
      return;
    }
    anchor.current = index;
    preloadPreview(asset.id);
    onOpen(asset);
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    const current = Number((document.activeElement as HTMLElement | null)?.dataset.index ?? -1);
    if (current < 0 || total === null) return;
    const rowIdx = rowOfIndex(layout, current);
    const row = layout.rows[rowIdx] as Extract<Row, { kind: 'tiles' }>;
    const col = current - row.start;
    const tileRowAfter = (dir: 1 | -1): Extract<Row, { kind: 'tiles' }> | undefined => {
      for (let r = rowIdx + dir; r >= 0 && r < layout.rows.length; r += dir) {
        const x = layout.rows[r]!;
        if (x.kind === 'tiles') return x;
      }
      return undefined;
    };
    let next: number | undefined;
    if (e.key === 'ArrowLeft') next = current - 1;
    else if (e.key === 'ArrowRight') next = current + 1;
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const r = tileRowAfter(e.key === 'ArrowUp' ? -1 : 1);
      if (r) next = r.start + Math.min(col, r.count - 1);
    } else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = total - 1;
    else if (e.key === ' ' || e.key === 'Enter') {
      const a = pages.at(current);
      if (a) activate(a, current, e.key === ' ' ? { shiftKey: e.shiftKey, ctrlKey: true, metaKey: false } : { shiftKey: false, ctrlKey: false, metaKey: false }, e.key === ' ');
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    if (next === undefined || next < 0 || next >= total) return;
    if (e.shiftKey) {
      const a = pages.at(next);
      if (a) {
        anchor.current ??= current;
        const sel = new Set(selected);
        for (const x of pages.range(anchor.current, next)) sel.add(x.id);
        onSelect(sel);
      }
    }
    focusTile(next);
  };

  // Tiles get one stable object of callbacks that read the latest state, so a scroll re-renders only new tiles.
  const handlers = useRef<TileApi>(null!);
  handlers.current = {
    activate,
    menu: props.tileMenu,
    selectIfNot: (a) => !selected.has(a.id) && onSelect(new Set([a.id])),
    press: (a) => selected.size === 0 && preloadPreview(a.id),
    dragStart: (at, a) => (drag.current = { from: at, base: new Set(selected), adding: !selected.has(a.id) }),
    dragOver: (at) => {
      const d = drag.current;
      if (!d) return;
      const next = new Set(d.base);
      for (const x of pages.range(d.from, at)) {
        if (d.adding) next.add(x.id);
        else next.delete(x.id);
      }
      onSelect(next);
    },
  };
  const api = useMemo<TileApi>(
    () => ({
      activate: (...a) => handlers.current.activate(...a),
      menu: (a) => handlers.current.menu(a),
      selectIfNot: (a) => handlers.current.selectIfNot(a),
      press: (a) => handlers.current.press(a),
      dragStart: (at, a) => handlers.current.dragStart(at, a),
      dragOver: (at) => handlers.current.dragOver(at),
    }),
    [],
  );

  const rows = layout.rows.slice(range.first, range.last + 1);
  return (
    <div className="timeline">
      <div
        ref={scrollRef}
        className="timeline-scroll"
        data-testid="library-grid"
        role="region"
        aria-label={props.label}
        tabIndex={-1}
        onScroll={onScroll}
        onKeyDown={onGridKey}
        onPointerUp={() => (drag.current = null)}
        onPointerLeave={() => (drag.current = null)}
      >
        <div className="timeline-body" style={{ height: layout.height }}>
          {rows.map((row) => {
            if (row.kind === 'month') {
              return (
                <h2 key={`m${row.month}`} className="month-header" style={{ transform: `translateY(${row.top}px)` }}>
                  <span>{monthLabel(row.month)}</span>
                </h2>
              );
            }
            if (row.kind === 'day') {
              const note = props.dayNote?.(row.day);
              return (
                <h3 key={`d${row.day}`} className="day-header" style={{ transform: `translateY(${row.top}px)` }}>
                  <span>
                    {dayLabel(row.day)}
                    <span className="muted"> · {plural(row.count, 'photo')}{note ? ` · ${note}` : ''}</span>
                  </span>
                </h3>
              );
            }
            return (
              <div key={`t${row.start}`} className="tile-row" style={{ transform: `translateY(${row.top}px)`, height: layout.tile }}>
                {Array.from({ length: row.count }, (_, c) => {
                  const at = row.start + c;
                  const a = pages.at(at);
                  const style = { width: layout.tile, height: layout.tile, left: c * (layout.tile + layout.gap) };
                  return a ? (
                    <Tile key={a.id} asset={a} index={at} left={style.left} size={layout.tile} selected={selected.has(a.id)} selecting={selected.size > 0} focusable={at === focusIndex} load={settled} api={api} />
                  ) : (
                    <div key={`s${at}`} className="tile skeleton" style={style} />
                  );
                })}
              </div>
            );
          })}
        </div>
        {total === 0 && <div className="timeline-empty">{props.empty}</div>}
      </div>
      {layout.months.length > 1 && scroller && <Scrubber layout={layout} scroller={scroller} bindThumb={(f) => (thumbRef.current = f)} />}
    </div>
  );
}

type Mods = { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean };
interface TileApi {
  activate(asset: Asset, index: number, e: Mods, viaCheck?: boolean): void;
  /** A press that may open the photo: its preview is fetched from then on. */
  press(asset: Asset): void;
  menu(asset: Asset): Array<Command | string>;
  selectIfNot(asset: Asset): void;
  dragStart(index: number, asset: Asset): void;
  dragOver(index: number): void;
}

interface TileProps {
  asset: Asset;
  index: number;
  left: number;
  size: number;
  selected: boolean;
  selecting: boolean;
  focusable: boolean;
  /** Fetch the thumbnail now (false while the grid flies by); once fetched it stays. */
  load: boolean;
  api: TileApi;
}

const Tile = memo(function Tile({ asset, index, left, size, selected, selecting, focusable, load, api }: TileProps) {
  const [shown, setShown] = useState(load);
  useEffect(() => {
    if (load) setShown(true);
  }, [load]);
  const ctx = contextMenuProps(asset.file_name, () => {
    api.selectIfNot(asset);
    return api.menu(asset);
  });
  return (
    <div className={`tile ${selected ? 'selected' : ''} ${selecting ? 'selecting' : ''}`} style={{ width: size, height: size, left }}>
      <button
        className="tile-open"
        data-index={index}
        tabIndex={focusable ? 0 : -1}
        aria-label={asset.file_name}
        onClick={(e) => api.activate(asset, index, e)}
        onPointerDown={(e) => e.button === 0 && !e.shiftKey && !e.ctrlKey && !e.metaKey && api.press(asset)}
        onContextMenu={ctx.onContextMenu}
        onKeyDown={ctx.onKeyDown}
        onPointerEnter={(e) => e.buttons === 1 && api.dragOver(index)}
      >
        {shown && <img src={mediaUrl('thumbnail', asset.id)} alt="" decoding="async" draggable={false} />}
        {asset.fps !== null && asset.duration_ms !== null && (
          <span className="tile-duration" aria-label={`video, ${Math.round(asset.duration_ms / 1000)} seconds`}>
            {clock(asset.duration_ms)}
          </span>
        )}
        {asset.stack_size > 1 && <span className="stack-badge" title={`${asset.stack_size} copies of this photo`}>{asset.stack_size}</span>}
        {asset.presence === 'offline' && <span className="offline-badge" title="On a disk that is not connected">offline</span>}
      </button>
      <button
        className="tile-check"
        tabIndex={-1}
        aria-label={selected ? `Deselect ${asset.file_name}` : `Select ${asset.file_name}`}
        aria-pressed={selected}
        onPointerDown={(e) => e.button === 0 && api.dragStart(index, asset)}
        onClick={(e) => api.activate(asset, index, e, true)}
      >
        <Check aria-hidden size={14} strokeWidth={3} />
      </button>
    </div>
  );
});

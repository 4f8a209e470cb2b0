import { useEffect, useRef, useState } from 'react';
import { monthLabel } from './dates.ts';
import { monthAt, type Layout } from './layout.ts';

/**
 * The date scrubber beside the timeline: years marked at their place, drag or click to jump, a
 * slider for the keyboard (↑/↓ a month, Page Up/Down a year). Moves the scroll position only.
 */
export function Scrubber({ layout, scroller, bindThumb }: { layout: Layout; scroller: HTMLElement; bindThumb: (f: (y: number) => void) => void }) {
  const track = useRef<HTMLDivElement>(null);
  const thumb = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ y: number; label: string } | null>(null);
  const [current, setCurrent] = useState(layout.months[0]?.month ?? '');
  const max = Math.max(1, layout.height - scroller.clientHeight);
  useEffect(() => {
    bindThumb((y) => {
      const h = track.current?.clientHeight ?? 0;
      if (thumb.current) thumb.current.style.transform = `translateY(${Math.min(1, y / max) * Math.max(0, h - 4)}px)`;
      const m = monthAt(layout, y + 1)?.month;
      if (m) setCurrent((c) => (c === m ? c : m));
    });
  }, [layout, max]);
  const years: Array<{ year: string; top: number }> = [];
  let lastShown = Number.NEGATIVE_INFINITY;
  for (const m of layout.months) {
    const year = m.month.slice(0, 4);
    if (years.at(-1)?.year === year) continue;
    // A year that starts right after the previous label would print over it: its mark stays, its label waits.
    const shown = (m.top - lastShown) / layout.height > 0.035;
    if (shown) lastShown = m.top;
    years.push({ year: shown ? year : '', top: m.top });
  }
  const fraction = (clientY: number) => {
    const r = track.current!.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientY - r.top) / r.height));
  };
  const jump = (clientY: number) => {
    scroller.scrollTop = fraction(clientY) * layout.height;
  };
  const goMonth = (delta: number) => {
    const i = layout.months.findIndex((m) => m.month === current);
    const m = layout.months[Math.min(layout.months.length - 1, Math.max(0, i + delta))];
    if (m) scroller.scrollTop = m.top;
  };
  const onKey = (e: React.KeyboardEvent) => {
    const d = { ArrowDown: 1, ArrowUp: -1, PageDown: 12, PageUp: -12, Home: -1e9, End: 1e9 }[e.key];
    if (d === undefined) return;
    e.preventDefault();
    goMonth(d);
  };
  return (
    <div
      ref={track}
      className="scrubber"
      role="slider"
      tabIndex={0}
      aria-label="Jump to a date"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={layout.months.length - 1}
      aria-valuenow={Math.max(0, layout.months.findIndex((m) => m.month === current))}
      aria-valuetext={current ? monthLabel(current) : ''}
      onKeyDown={onKey}
      onPointerDown={(e) => {
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        jump(e.clientY);
      }}
      onPointerMove={(e) => {
        const f = fraction(e.clientY);
        const m = monthAt(layout, f * layout.height);
        setHover(m ? { y: e.clientY - track.current!.getBoundingClientRect().top, label: monthLabel(m.month) } : null);
        if (e.buttons === 1) jump(e.clientY);
      }}
      onPointerLeave={() => setHover(null)}
    >
      {years.map((y) => (
        <span key={y.top} className={`scrubber-year ${y.year ? '' : 'tick'}`} style={{ top: `${(100 * y.top) / layout.height}%` }} aria-hidden>
          {y.year}
        </span>
      ))}
      <div ref={thumb} className="scrubber-thumb" aria-hidden />
      {hover && (
        <div className="scrubber-bubble" style={{ top: hover.y }} aria-hidden>
          {hover.label}
        </div>
      )}
    </div>
  );
}

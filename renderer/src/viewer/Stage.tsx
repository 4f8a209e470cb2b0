import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { FaceId } from '../../../shared/ids.ts';
import { clampToImage, imageBox, imageSize, imageToScreen, screenBox, screenToImage, type ImageBox } from '../../../shared/geometry.ts';
import { mediaUrl } from '../client/client.ts';
import { useElementSize } from '../hooks.ts';
import { placeLabels } from './labels.ts';
import { actualSizeZoom, clampZoom, fitted, pan, viewOf, zoomAt, type Zoom } from './zoom.ts';

export interface StageHandle {
  zoomBy(factor: number): void;
  fit(): void;
  actualSize(): void;
  panBy(dx: number, dy: number): void;
  zoomed(): boolean;
}

interface StageProps {
  id: string;
  asset: Asset | null;
  faces: Face[];
  nameOf(f: Face): string;
  active: FaceId | null;
  onFace(id: FaceId): void;
  drawing: boolean;
  onDrawn(box: ImageBox): void;
  bind(h: StageHandle): void;
  /** The preview has arrived (or failed): the viewer asks for the rest. */
  onShown?(): void;
  /** Drawn instead of the photo for media that is not a still image (a video player, say). */
  children?: ReactNode;
}

const LABEL_H = 20;
let measureCtx: CanvasRenderingContext2D | null = null;
function textWidth(text: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 7;
  measureCtx.font = '500 12px system-ui, sans-serif';
  return measureCtx.measureText(text).width;
}

/**
 * The photo fitted to the stage (measured whenever the stage changes size), zoomed and panned with
 * the wheel, pinch, double-click, drag and keys; the screen-size preview first and the full photo
 * once the zoom asks for more pixels than the preview has.
 */
export function Stage({ id, asset, faces, nameOf, active, onFace, drawing, onDrawn, bind, onShown, children }: StageProps) {
  const [ref, size, el] = useElementSize<HTMLDivElement>();
  const img = asset?.width && asset.height ? imageSize({ width: asset.width, height: asset.height }) : null;
  const [z, setZ] = useState<Zoom | null>(null);
  const [previewWidth, setPreviewWidth] = useState(0);
  const [full, setFull] = useState<'no' | 'loading' | 'ready'>('no');
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const panning = useRef<{ x: number; y: number } | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<number | null>(null);
  const zoom = img && z ? clampZoom(z, img, size) : img ? fitted(img) : null;
  const view = img && zoom && size.width > 0 ? viewOf(zoom, img, size) : null;

  const set = (f: (z: Zoom) => Zoom) => img && setZ((cur) => f(cur ? clampZoom(cur, img, size) : fitted(img)));
  const handle: StageHandle = {
    zoomBy: (factor) => set((cur) => zoomAt(cur, factor, size.width / 2, size.height / 2, img!, size)),
    fit: () => img && setZ(fitted(img)),
    actualSize: () => set((cur) => zoomAt(cur, actualSizeZoom(img!, size, window.devicePixelRatio || 1) / cur.zoom, size.width / 2, size.height / 2, img!, size)),
    panBy: (dx, dy) => set((cur) => pan(cur, dx, dy, img!, size)),
    zoomed: () => (zoom?.zoom ?? 1) > 1.001,
  };
  bind(handle);

  // The full photo only when the screen needs more pixels than the preview has.
  const needFull = !!(view && img && previewWidth && img.width * view.scale * (window.devicePixelRatio || 1) > previewWidth * 1.05 && img.width > previewWidth);
  useEffect(() => {
    if (needFull && full === 'no') setFull('loading');
  }, [needFull, full]);

  useEffect(() => {
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!img) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      // Trackpad pinch arrives as ctrl+wheel with small deltas; a mouse wheel as larger steps.
      const factor = Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015));
      setZ((cur) => zoomAt(cur ? clampZoom(cur, img, size) : fitted(img), factor, e.clientX - r.left, e.clientY - r.top, img, size));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [el, img?.width, img?.height, size.width, size.height]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = el!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const boxes = useMemo(() => (view ? faces.map((f) => imageToScreen(imageBox(f.bounding_box), view)) : []), [faces, view?.scale, view?.originX, view?.originY]);
  const labels = useMemo(() => placeLabels(boxes, faces.map((f) => ({ w: textWidth(nameOf(f)) + 14, h: LABEL_H })), size), [boxes, faces, size]);

  const finishDraw = () => {
    if (!drag || !view || !img) return;
    const s = screenBox({ x: Math.min(drag.x0, drag.x1), y: Math.min(drag.y0, drag.y1), w: Math.abs(drag.x1 - drag.x0), h: Math.abs(drag.y1 - drag.y0) });
    setDrag(null);
    const b = clampToImage(screenToImage(s, view), img);
    const box = imageBox({ x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) });
    if (box.w >= 8 && box.h >= 8) onDrawn(box);
  };

  const geometry = view && img ? { left: view.originX, top: view.originY, width: img.width * view.scale, height: img.height * view.scale } : null;
  return (
    <div
      ref={ref}
      className={`stage ${drawing ? 'drawing' : ''} ${zoom && zoom.zoom > 1.001 ? 'zoomed' : ''}`}
      data-testid="photo-stage"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        pointers.current.set(e.pointerId, local(e));
        if (pointers.current.size === 2) {
          const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
          pinch.current = Math.hypot(a.x - b.x, a.y - b.y);
          return;
        }
        const p = local(e);
        if (drawing) setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        else if (handle.zoomed()) panning.current = p;
        (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
      }}
      onPointerMove={(e) => {
        const p = local(e);
        if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, p);
        if (pinch.current !== null && pointers.current.size === 2 && img) {
          const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
          const d = Math.hypot(a.x - b.x, a.y - b.y);
          const f = d / pinch.current;
          pinch.current = d;
          setZ((cur) => zoomAt(cur ? clampZoom(cur, img, size) : fitted(img), f, (a.x + b.x) / 2, (a.y + b.y) / 2, img, size));
          return;
        }
        if (drag) setDrag({ ...drag, x1: p.x, y1: p.y });
        else if (panning.current) {
          handle.panBy(p.x - panning.current.x, p.y - panning.current.y);
          panning.current = p;
        }
      }}
      onPointerUp={(e) => {
        pointers.current.delete(e.pointerId);
        if (pointers.current.size < 2) pinch.current = null;
        panning.current = null;
        finishDraw();
      }}
      onPointerCancel={(e) => {
        pointers.current.delete(e.pointerId);
        pinch.current = null;
        panning.current = null;
        setDrag(null);
      }}
      onDoubleClick={(e) => {
        if (drawing || !img || (e.target as HTMLElement).closest('.face-box')) return;
        const p = local(e);
        if (handle.zoomed()) setZ(fitted(img));
        else setZ((cur) => zoomAt(cur ?? fitted(img), Math.max(2, actualSizeZoom(img, size, window.devicePixelRatio || 1)), p.x, p.y, img, size));
      }}
    >
      {children ?? (
        <>
          <img
            className="stage-photo"
            src={mediaUrl('preview', id)}
            alt={asset?.file_name ?? ''}
            draggable={false}
            data-testid="photo-preview"
            style={geometry ?? { inset: 0, width: '100%', height: '100%', objectFit: 'contain' }}
            onLoad={(e) => {
              setPreviewWidth((e.target as HTMLImageElement).naturalWidth);
              onShown?.();
            }}
            onError={() => onShown?.()}
          />
          {full !== 'no' && geometry && (
            <img className={`stage-photo full ${full === 'ready' ? 'ready' : ''}`} src={mediaUrl('photo', id)} alt="" aria-hidden draggable={false} data-testid="photo-full" style={geometry} onLoad={() => setFull('ready')} />
          )}
        </>
      )}
      {view &&
        faces.map((f, i) => {
          const s = boxes[i]!;
          return (
            <button
              key={f.id}
              className={`face-box ${f.source} ${active === f.id ? 'active' : ''}`}
              style={{ left: s.x, top: s.y, width: s.w, height: s.h }}
              onPointerDown={(e) => e.stopPropagation()}
              onClick={() => onFace(f.id)}
              aria-label={`Face: ${nameOf(f)}`}
              aria-pressed={active === f.id}
            />
          );
        })}
      {view &&
        faces.map((f, i) => {
          const l = labels[i]!;
          return (
            <span key={f.id} className={`face-label ${active === f.id ? 'active' : ''}`} style={{ left: l.x, top: l.y, height: l.h }} aria-hidden>
              {nameOf(f)}
              {f.source === 'manual' ? ' ✎' : ''}
            </span>
          );
        })}
      {drag && <div className="face-box drawing-box" style={{ left: Math.min(drag.x0, drag.x1), top: Math.min(drag.y0, drag.y1), width: Math.abs(drag.x1 - drag.x0), height: Math.abs(drag.y1 - drag.y0) }} />}
    </div>
  );
}

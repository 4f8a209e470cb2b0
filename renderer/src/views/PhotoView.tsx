import { useEffect, useRef, useState } from 'react';
import type { AssetId, FaceId } from '../../../shared/ids.ts';
import type { Face } from '../../../shared/domain/face.ts';
import { clampToImage, fitView, imageBox, imageSize, imageToScreen, screenBox, screenToImage, type View } from '../../../shared/geometry.ts';
import { client, mediaUrl } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';

/** The photo with its faces: boxes are stored in display-space image pixels and drawn through the view transform. */
export function PhotoView({ id }: { id: AssetId }) {
  const { go, toast } = useApp();
  const asset = useLoad(() => client.invoke('assets.get', { asset_id: id }), [id]);
  const faces = useLoad(() => client.invoke('faces.list', { asset_id: id, limit: 500 }), [id]);
  const people = useLoad(() => client.invoke('people.list', { limit: 5000, include_hidden: true }), []);
  const stage = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  const [active, setActive] = useState<FaceId | null>(null);
  const [drawing, setDrawing] = useState(false);
  /** A manual face being redrawn (resized or moved) rather than a new one. */
  const [redrawing, setRedrawing] = useState<FaceId | null>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const a = asset.data;
  if (asset.error) return <section className="view"><p className="error">{asset.error}</p></section>;
  if (!a || a.width === null || a.height === null) return <section className="view"><p className="muted">Loading…</p></section>;
  const img = imageSize({ width: a.width, height: a.height });
  const view: View = fitView(img, size);
  const nameOf = (f: Face) => people.data?.items.find((p) => p.id === f.person_id)?.name ?? (f.person_id ? 'Unnamed' : 'Unknown');
  const local = (e: React.MouseEvent) => {
    const r = stage.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const finishDraw = async () => {
    if (!drag) return;
    const s = screenBox({ x: Math.min(drag.x0, drag.x1), y: Math.min(drag.y0, drag.y1), w: Math.abs(drag.x1 - drag.x0), h: Math.abs(drag.y1 - drag.y0) });
    setDrag(null);
    const b = clampToImage(screenToImage(s, view), img);
    const box = imageBox({ x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) });
    if (box.w < 8 || box.h < 8) return;
    await attempt(async () => {
      const face = redrawing
        ? await client.invoke('faces.update_box', { face_id: redrawing, bounding_box: box })
        : await client.invoke('faces.create', { asset_id: id, bounding_box: box });
      setDrawing(false);
      setRedrawing(null);
      setActive(face.id);
    });
  };
  const activeFace = faces.data?.items.find((f) => f.id === active) ?? null;
  return (
    <section className="view photo">
      <header className="row">
        <button onClick={() => go({ name: 'library' })} aria-label="Back to library">←</button>
        <h1>{a.file_name}</h1>
        <span className="muted">{a.width}×{a.height}</span>
        <button aria-pressed={drawing} onClick={() => { setDrawing(!drawing); setRedrawing(null); }}>{drawing ? 'Cancel drawing' : 'Draw a face'}</button>
        {redrawing && <span className="muted">Drag a new box for the selected face</span>}
      </header>
      <div
        ref={stage}
        className={`stage ${drawing ? 'drawing' : ''}`}
        data-testid="photo-stage"
        onMouseDown={(e) => { if (!drawing) return; const p = local(e); setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y }); }}
        onMouseMove={(e) => { if (!drag) return; const p = local(e); setDrag({ ...drag, x1: p.x, y1: p.y }); }}
        onMouseUp={() => void finishDraw()}
      >
        <img src={mediaUrl('photo', id)} alt={a.file_name} draggable={false} style={{ left: view.originX, top: view.originY, width: a.width * view.scale, height: a.height * view.scale }} />
        {faces.data?.items.map((f) => {
          const s = imageToScreen(imageBox(f.bounding_box), view);
          return (
            <button key={f.id} className={`face-box ${f.source} ${active === f.id ? 'active' : ''}`} style={{ left: s.x, top: s.y, width: s.w, height: s.h }} onMouseDown={(e) => e.stopPropagation()} onClick={() => setActive(f.id)} aria-label={`Face: ${nameOf(f)}`}>
              <span className="face-label">{nameOf(f)}{f.source === 'manual' ? ' ✎' : ''}</span>
            </button>
          );
        })}
        {drag && <div className="face-box drawing-box" style={{ left: Math.min(drag.x0, drag.x1), top: Math.min(drag.y0, drag.y1), width: Math.abs(drag.x1 - drag.x0), height: Math.abs(drag.y1 - drag.y0) }} />}
      </div>
      {activeFace && (
        <FacePanel face={activeFace} people={people.data?.items ?? []} onClose={() => setActive(null)} toast={toast} onRedraw={() => { setRedrawing(activeFace.id); setDrawing(true); }} />
      )}
    </section>
  );
}

interface FacePanelProps {
  face: Face;
  people: Array<{ id: string; name: string | null }>;
  onClose: () => void;
  onRedraw: () => void;
  toast: (t: string, undo?: () => Promise<void>) => void;
}

function FacePanel({ face, people, onClose, onRedraw, toast }: FacePanelProps) {
  const [name, setName] = useState('');
  const current = people.find((p) => p.id === face.person_id);
  const assign = () =>
    attempt(async () => {
      const wanted = name.trim();
      if (!wanted) return;
      const existing = people.find((p) => p.name?.toLowerCase() === wanted.toLowerCase());
      if (existing) await client.invoke('faces.assign', { face_ids: [face.id], person_id: existing.id as never });
      else if (current && !current.name) await client.invoke('people.update', { person_id: current.id as never, name: wanted });
      else await client.invoke('people.create', { name: wanted, face_ids: [face.id] });
      setName('');
    });
  return (
    <aside className="card face-panel" aria-label="Face">
      <img src={mediaUrl('face', face.id)} alt="" />
      <p>{current?.name ?? (current ? 'Unnamed person' : 'Not assigned')} {face.source === 'manual' && <span className="muted">(drawn by hand)</span>}</p>
      <form onSubmit={(e) => { e.preventDefault(); void assign(); }} className="row">
        <input aria-label="Who is this?" placeholder="Who is this?" list="people-names" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <datalist id="people-names">{people.filter((p) => p.name).map((p) => <option key={p.id} value={p.name!} />)}</datalist>
        <button type="submit">Name</button>
      </form>
      <div className="row">
        {face.person_id && <button onClick={() => void attempt(() => client.invoke('faces.detach', { face_ids: [face.id] }))}>Remove from person</button>}
        {face.person_id && (
          <button onClick={() => void attempt(async () => {
            const pid = face.person_id!;
            await client.invoke('faces.detach', { face_ids: [face.id], reject: true });
            toast(`Marked "not ${current?.name ?? 'this person'}"`, async () => { await client.invoke('faces.assign', { face_ids: [face.id], person_id: pid }); });
          })}>Not {current?.name ?? 'this person'}</button>
        )}
        {face.source === 'manual' && <button onClick={onRedraw}>Resize or move</button>}
        {face.source === 'manual' && (
          <button onClick={() => void attempt(async () => {
            await client.invoke('faces.delete', { face_id: face.id });
            onClose();
            // Undo draws it again: same box, same person (a new id, embedded afresh).
            toast('Face deleted', async () => {
              await client.invoke('faces.create', { asset_id: face.asset_id, bounding_box: face.bounding_box, ...(face.person_id ? { person_id: face.person_id } : {}) });
            });
          })}>Delete face</button>
        )}
        <button onClick={onClose}>Close</button>
      </div>
    </aside>
  );
}

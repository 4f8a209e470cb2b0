import { useEffect, useRef, useState } from 'react';
import type { Face } from '../../../shared/domain/face.ts';
import type { Person } from '../../../shared/domain/person.ts';
import type { AssetId, FaceId, PersonId } from '../../../shared/ids.ts';
import { client } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { useCommands } from '../commands/useCommands.ts';
import { attempt, useLoad } from '../hooks.ts';
import { back, navigate, type Route } from '../router.ts';
import { useApp } from '../store.ts';
import { ArrowLeft, ChevronLeft, ChevronRight, Info, Maximize, Pause, Play, SquareDashed, ZoomIn, ZoomOut } from '../ui/Icon.tsx';
import { FacePanel } from './FacePanel.tsx';
import { InfoPanel } from './InfoPanel.tsx';
import { preloadPreview } from './preload.ts';
import { Stage, type StageHandle } from './Stage.tsx';
import { VideoPlayer } from './VideoPlayer.tsx';

type ViewerRoute = Extract<Route, { name: 'library' | 'person' }>;
const SLIDE_MS = 4000;
const SIDE_REQUESTS_AFTER_MS = 400;

/**
 * The photo viewer over the grid it was opened from: previous / next within that grid (its filter),
 * fit, zoom and pan, face boxes with non-overlapping names, an info panel, a slideshow. Escape and ←
 * go back to where it was opened.
 */
export function Viewer({ route, id }: { route: ViewerRoute; id: AssetId }) {
  const library = useApp((s) => s.library);
  const filter = route.name === 'person' ? { person_ids: [route.id] } : { ...(library ? { library_id: library } : {}), ...(route.people.length ? { person_ids: route.people } : {}), ...(route.hidden ? { hidden: true } : {}) };
  // The photo first: what goes around it (faces, neighbours, names) is asked for once its preview has
  // arrived (or after a moment), so those requests do not queue ahead of the image at the core.
  const [shown, setShown] = useState<AssetId | null>(null);
  useEffect(() => {
    const t = window.setTimeout(() => setShown(id), SIDE_REQUESTS_AFTER_MS);
    return () => window.clearTimeout(t);
  }, [id]);
  const ready = shown === id;
  const asset = useLoad(() => client.invoke('assets.get', { asset_id: id }), [id], ['assets']);
  const faces = useLoad(() => (ready ? client.invoke('faces.list', { asset_id: id, limit: 500 }) : Promise.resolve(null)), [id, ready], ['faces']);
  const aroundLoad = useLoad(() => (ready ? client.invoke('assets.around', { asset_id: id, ...filter }).then((r) => ({ ...r, id })) : Promise.resolve(null)), [id, ready, JSON.stringify(filter)], ['assets', 'faces']);
  // What was loaded for the previous photo is not this photo's: never its neighbours, size or faces.
  const around = { data: aroundLoad.data?.id === id ? aroundLoad.data : null };
  const faceList = (faces.data?.items ?? []).filter((f) => f.asset_id === id);
  const personIds = [...new Set(faceList.map((f) => f.person_id).filter((p): p is PersonId => !!p))];
  const people = useLoad(() => Promise.all(personIds.map((p) => client.invoke('people.get', { person_id: p }).catch(() => null))).then((ps) => ps.filter((p): p is Person => !!p)), [personIds.join(',')], ['people']);
  const everReady = useRef(false);
  everReady.current ||= ready;
  const named = useLoad(() => (everReady.current ? client.invoke('people.list', { limit: 2000, include_hidden: true, ...(asset.data ? { library_id: asset.data.library_id } : {}) }).then((r) => r.items.filter((p) => p.name)) : Promise.resolve(null)), [asset.data?.library_id, everReady.current], ['people']);
  // A video (it has a frame rate): the player and its face timeline instead of the photo stage.
  const isVideo = asset.data?.id === id && asset.data.fps !== null;
  const timeline = useLoad(() => (isVideo ? client.invoke('videos.timeline', { asset_id: id }) : Promise.resolve(null)), [id, isVideo], ['faces', 'people']);
  const [panel, setPanel] = useState<'info' | 'face' | null>(null);
  const [active, setActive] = useState<FaceId | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [redrawing, setRedrawing] = useState<FaceId | null>(null);
  const [playing, setPlaying] = useState(false);
  const stage = useRef<StageHandle | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(document.activeElement as HTMLElement | null);

  const close = () => back({ ...route, photo: null });
  const show = (next: AssetId | null | undefined) => next && navigate({ ...route, photo: next }, { replace: true });
  // ← or → pressed before this photo's neighbours are known is not lost: it runs once they are.
  const pending = useRef<'previous' | 'next' | null>(null);
  const step = (dir: 'previous' | 'next') => (around.data ? show(around.data[dir]) : (pending.current = dir));
  const prev = () => step('previous');
  const next = () => step('next');
  useEffect(() => {
    const dir = pending.current;
    if (!dir || !around.data) return;
    pending.current = null;
    show(around.data[dir]);
  }, [around.data]);
  const openPerson = (p: Person) => navigate({ name: 'person', id: p.id, tab: 'photos', photo: null });

  useEffect(() => {
    closeButton.current?.focus();
    const from = returnFocus.current;
    return () => from?.focus?.();
  }, []);
  // The next photo's preview is fetched ahead, so → shows it at once.
  useEffect(() => {
    const n = around.data?.next;
    if (n) preloadPreview(n);
  }, [around.data?.next]);
  useEffect(() => {
    if (!playing) return;
    const t = window.setTimeout(() => (around.data?.next ? next() : setPlaying(false)), SLIDE_MS);
    return () => window.clearTimeout(t);
  }, [playing, id, around.data?.next]);

  const person = (f: Face) => people.data?.find((p) => p.id === f.person_id) ?? null;
  const nameOf = (f: Face) => person(f)?.name ?? 'Unnamed';
  // A video's timeline carries its people's names: the player need not wait for the faces around it.
  const nameOfPerson = (p: PersonId | string | null) =>
    timeline.data?.appearances.find((x) => x.person_id === p)?.name ?? people.data?.find((x) => x.id === p)?.name ?? 'Unnamed';
  const activeFace = faceList.find((f) => f.id === active) ?? null;
  const escape = () => {
    if (playing) setPlaying(false);
    else if (drawing) {
      setDrawing(false);
      setRedrawing(null);
    } else if (panel) {
      setPanel(null);
      setActive(null);
    } else close();
  };
  useCommands(() => [
    { id: 'viewer.close', label: 'Close the photo (or the panel, or drawing)', group: 'Viewer', keys: ['Escape'], perform: escape },
    { id: 'viewer.previous', label: 'Previous photo', group: 'Viewer', keys: ['ArrowLeft'], enabled: () => !around.data || !!around.data.previous || !!stage.current?.zoomed(), perform: () => (stage.current?.zoomed() ? stage.current.panBy(80, 0) : prev()) },
    { id: 'viewer.next', label: 'Next photo', group: 'Viewer', keys: ['ArrowRight'], enabled: () => !around.data || !!around.data.next || !!stage.current?.zoomed(), perform: () => (stage.current?.zoomed() ? stage.current.panBy(-80, 0) : next()) },
    { id: 'viewer.pan-up', label: 'Pan up', group: 'Viewer', keys: ['ArrowUp'], enabled: () => !!stage.current?.zoomed(), perform: () => stage.current?.panBy(0, 80) },
    { id: 'viewer.pan-down', label: 'Pan down', group: 'Viewer', keys: ['ArrowDown'], enabled: () => !!stage.current?.zoomed(), perform: () => stage.current?.panBy(0, -80) },
    { id: 'viewer.zoom-in', label: 'Zoom in', group: 'Viewer', keys: ['+', '='], perform: () => stage.current?.zoomBy(1.5) },
    { id: 'viewer.zoom-out', label: 'Zoom out', group: 'Viewer', keys: ['-'], perform: () => stage.current?.zoomBy(1 / 1.5) },
    { id: 'viewer.fit', label: 'Fit to window', group: 'Viewer', keys: ['0'], perform: () => stage.current?.fit() },
    { id: 'viewer.actual-size', label: 'Actual size (100%)', group: 'Viewer', keys: ['1'], perform: () => stage.current?.actualSize() },
    { id: 'viewer.info', label: 'Show or hide info', group: 'Viewer', keys: ['i'], perform: () => setPanel((p) => (p === 'info' ? null : 'info')) },
    { id: 'viewer.draw', label: 'Draw a face', group: 'Viewer', keys: ['d'], perform: () => { setDrawing((d) => !d); setRedrawing(null); } },
    { id: 'viewer.slideshow', label: 'Start or stop the slideshow', group: 'Viewer', keys: ['s'], enabled: () => !around.data || !!around.data.next || playing, perform: () => setPlaying((p) => !p) },
    { id: 'viewer.pause', label: 'Pause or resume the slideshow', group: 'Viewer', keys: ['Space'], enabled: () => playing, perform: () => setPlaying(false) },
  ]);

  const onDrawn = (box: Parameters<typeof client.invoke<'faces.create'>>[1]['bounding_box']) =>
    void attempt(async () => {
      if (redrawing) {
        const old = faceList.find((f) => f.id === redrawing)!.bounding_box;
        const faceId = redrawing;
        await perform({ label: 'Moved the face box', run: () => client.invoke('faces.update_box', { face_id: faceId, bounding_box: box }), undo: () => client.invoke('faces.update_box', { face_id: faceId, bounding_box: old }) });
        setActive(faceId);
      } else {
        let made: Face | null = null;
        await perform({
          label: 'Drew a face',
          run: async () => (made = await client.invoke('faces.create', { asset_id: id, bounding_box: box })),
          undo: async () => made && client.invoke('faces.delete', { face_id: made.id }),
        });
        if (made) setActive((made as Face).id);
      }
      setPanel('face');
      setDrawing(false);
      setRedrawing(null);
    });

  const a = asset.data?.id === id ? asset.data : null;
  const position = around.data ? `${(around.data.index + 1).toLocaleString()} of ${around.data.total.toLocaleString()}` : '';
  return (
    <div className={`viewer ${playing ? 'playing' : ''}`} role="dialog" aria-modal="true" aria-label={a ? `${isVideo ? 'Video' : 'Photo'} ${a.file_name}` : 'Photo'}>
      <header className="viewer-bar">
        <button ref={closeButton} className="icon-btn" onClick={close} aria-label={route.name === 'person' ? 'Back to the person' : 'Back to the library'} title="Back (Esc)">
          <ArrowLeft aria-hidden size={20} />
        </button>
        <div className="viewer-title">
          <h1>{a?.file_name ?? ''}</h1>
          <span className="muted">{position}</span>
        </div>
        <div className="row tight">
          <button className="icon-btn" aria-label="Previous photo" title="Previous (←)" disabled={!around.data?.previous} onClick={prev}>
            <ChevronLeft aria-hidden size={20} />
          </button>
          <button className="icon-btn" aria-label="Next photo" title="Next (→)" disabled={!around.data?.next} onClick={next}>
            <ChevronRight aria-hidden size={20} />
          </button>
          <span className="bar-sep" />
          <button className="icon-btn" aria-label="Zoom out" title="Zoom out (−)" onClick={() => stage.current?.zoomBy(1 / 1.5)}>
            <ZoomOut aria-hidden size={20} />
          </button>
          <button className="icon-btn" aria-label="Fit to window" title="Fit (0)" onClick={() => stage.current?.fit()}>
            <Maximize aria-hidden size={20} />
          </button>
          <button className="icon-btn" aria-label="Zoom in" title="Zoom in (+)" onClick={() => stage.current?.zoomBy(1.5)}>
            <ZoomIn aria-hidden size={20} />
          </button>
          <span className="bar-sep" />
          {!isVideo && (
            <button className="btn" aria-pressed={drawing} onClick={() => { setDrawing(!drawing); setRedrawing(null); }} title="Draw a face (D)">
              <SquareDashed aria-hidden size={18} /> {drawing ? 'Cancel drawing' : 'Draw a face'}
            </button>
          )}
          <button className="icon-btn" aria-label={playing ? 'Stop the slideshow' : 'Slideshow'} title="Slideshow (S)" aria-pressed={playing} disabled={!around.data?.next && !playing} onClick={() => setPlaying(!playing)}>
            {playing ? <Pause aria-hidden size={20} /> : <Play aria-hidden size={20} />}
          </button>
          <button className="icon-btn" aria-label="Info" title="Info (I)" aria-pressed={panel === 'info'} onClick={() => setPanel(panel === 'info' ? null : 'info')}>
            <Info aria-hidden size={20} />
          </button>
        </div>
      </header>
      {redrawing && <p className="viewer-hint">Drag a new box for the selected face</p>}
      {drawing && !redrawing && <p className="viewer-hint">Drag a box around the face</p>}
      <div className="viewer-body">
        {a && isVideo ? (
          <VideoPlayer
            key={id}
            asset={a}
            timeline={timeline.data?.asset_id === id ? timeline.data : null}
            nameOf={nameOfPerson}
            active={active}
            onFace={(f) => {
              setActive(f);
              setPanel('face');
            }}
          />
        ) : (
          <Stage
            key={id}
            id={id}
            asset={a}
            faces={faceList}
            nameOf={nameOf}
            active={active}
            onFace={(f) => {
              setActive(f);
              setPanel('face');
            }}
            drawing={drawing}
            onDrawn={onDrawn}
            bind={(h) => (stage.current = h)}
            onShown={() => setShown(id)}
          />
        )}
        {panel === 'face' && activeFace && (
          <FacePanel
            face={activeFace}
            person={person(activeFace)}
            named={named.data ?? []}
            onClose={() => { setPanel(null); setActive(null); }}
            onRedraw={() => { setRedrawing(activeFace.id); setDrawing(true); }}
            onOpenPerson={openPerson}
          />
        )}
        {panel === 'info' && a && <InfoPanel asset={a} people={people.data ?? []} onClose={() => setPanel(null)} onOpenPerson={openPerson} />}
      </div>
    </div>
  );
}

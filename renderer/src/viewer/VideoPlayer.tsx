import { useEffect, useMemo, useRef, useState } from 'react';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { Sighting, VideoTimeline } from '../../../shared/domain/video.ts';
import type { FaceId } from '../../../shared/ids.ts';
import { mediaUrl } from '../client/client.ts';
import { useElementSize } from '../hooks.ts';
import { FaceTimeline } from './FaceTimeline.tsx';

/** A sighting is shown this long either side of its frame (the sampling runs at ~3 frames a second). */
const SHOW_MS = 400;

interface VideoPlayerProps {
  asset: Asset;
  timeline: VideoTimeline | null;
  nameOf(personId: string | null): string;
  active: FaceId | null;
  onFace(id: FaceId): void;
}

/**
 * A catalogued video in the viewer: the original streamed by id (Range requests, so it seeks), the
 * face boxes of the sampled frame nearest to the playhead, and under it the face timeline of who is
 * on screen when, which seeks on click.
 */
export function VideoPlayer({ asset, timeline, nameOf, active, onFace }: VideoPlayerProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const video = useRef<HTMLVideoElement>(null);
  const [nowMs, setNowMs] = useState(0);

  // While playing, follow the picture frame by frame; paused or seeking, the events say when it moved.
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    let raf = 0;
    const tick = () => {
      setNowMs(Math.round(v.currentTime * 1000));
      if (!v.paused) raf = requestAnimationFrame(tick);
    };
    const events = ['play', 'seeked', 'timeupdate', 'loadeddata'] as const;
    for (const e of events) v.addEventListener(e, tick);
    return () => {
      cancelAnimationFrame(raf);
      for (const e of events) v.removeEventListener(e, tick);
    };
  }, []);

  const byFace = useMemo(() => {
    const m = new Map<FaceId, Sighting[]>();
    for (const s of timeline?.sightings ?? []) m.set(s.face_id, [...(m.get(s.face_id) ?? []), s]);
    return m;
  }, [timeline]);
  const shown = [...byFace.values()]
    .map((list) => list.reduce((best, s) => (Math.abs(s.timestamp_ms - nowMs) < Math.abs(best.timestamp_ms - nowMs) ? s : best)))
    .filter((s) => Math.abs(s.timestamp_ms - nowMs) <= SHOW_MS);

  // The picture fitted to the stage; boxes (display-space pixels) scaled by the same factor.
  const w = asset.width ?? 16;
  const h = asset.height ?? 9;
  const scale = size.width > 0 ? Math.min(size.width / w, size.height / h) : 0;
  const frame = { left: (size.width - w * scale) / 2, top: (size.height - h * scale) / 2, width: w * scale, height: h * scale };
  const seek = (ms: number) => {
    const v = video.current;
    if (!v) return;
    v.currentTime = ms / 1000;
    setNowMs(ms);
  };

  return (
    <div className="video-view">
      <div ref={ref} className="stage video-stage" data-testid="video-stage">
        <video ref={video} className="stage-video" src={mediaUrl('video', asset.id)} controls preload="metadata" playsInline data-testid="video-player" aria-label={`Video ${asset.file_name}`} style={scale ? frame : undefined} />
        {scale > 0 &&
          shown.map((s) => (
            <button
              key={s.face_id}
              className={`face-box ${active === s.face_id ? 'active' : ''}`}
              style={{ left: frame.left + s.box.x * scale, top: frame.top + s.box.y * scale, width: s.box.w * scale, height: s.box.h * scale }}
              onClick={() => onFace(s.face_id)}
              aria-label={`Face: ${nameOf(s.person_id)}`}
              aria-pressed={active === s.face_id}
              data-frame={`${s.frame_number}_${s.frame_index}`}
            >
              <span className="face-label video-face-label" aria-hidden>
                {nameOf(s.person_id)}
              </span>
            </button>
          ))}
      </div>
      {timeline && <FaceTimeline timeline={timeline} nowMs={nowMs} nameOf={nameOf} onSeek={seek} />}
    </div>
  );
}

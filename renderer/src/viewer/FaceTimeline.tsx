import type { VideoTimeline } from '../../../shared/domain/video.ts';
import { clock as moment } from '../library/dates.ts';

const clock = (ms: number) => moment(ms, true);

interface FaceTimelineProps {
  timeline: VideoTimeline;
  nowMs: number;
  nameOf(personId: string | null): string;
  onSeek(ms: number): void;
}

/**
 * Who is on screen when: a row per person (or per face nobody has placed yet) with their ranges on
 * the video's length, the sentences spoken below; a click on a range or a sentence plays from there.
 */
export function FaceTimeline({ timeline, nowMs, nameOf, onSeek }: FaceTimelineProps) {
  const total = Math.max(1, timeline.duration_ms);
  const pct = (ms: number) => `${(100 * Math.min(Math.max(ms, 0), total)) / total}%`;
  const playhead = <div className="timeline-playhead" style={{ left: pct(nowMs) }} aria-hidden />;
  return (
    <section className="face-timeline" aria-label="Who is on screen" data-testid="face-timeline">
      {timeline.appearances.length === 0 && <p className="muted">Nobody was found in this video.</p>}
      {timeline.appearances.map((a) => {
        const name = nameOf(a.person_id);
        return (
          <div key={a.person_id ?? a.face_ids[0]} className="timeline-row" data-testid="timeline-row">
            <span className="timeline-name" title={name}>
              {name}
            </span>
            <div className="timeline-bar">
              {a.segments.map((s) => (
                <button
                  key={s.start_ms}
                  className={`timeline-range ${nowMs >= s.start_ms && nowMs < s.end_ms ? 'now' : ''}`}
                  style={{ left: pct(s.start_ms), width: pct(s.end_ms - s.start_ms) }}
                  onClick={() => onSeek(s.start_ms)}
                  aria-label={`${name} on screen ${clock(s.start_ms)}–${clock(s.end_ms)}: play from here`}
                  title={`${clock(s.start_ms)}–${clock(s.end_ms)}`}
                />
              ))}
              {playhead}
            </div>
          </div>
        );
      })}
      {timeline.chunks.length > 0 && (
        <div className="timeline-row">
          <span className="timeline-name muted">Spoken</span>
          <div className="timeline-bar">
            {timeline.chunks.map((c) => (
              <button key={c.seq} className="timeline-range speech" style={{ left: pct(c.start_ms), width: pct(c.end_ms - c.start_ms) }} onClick={() => onSeek(c.start_ms)} aria-label={`“${c.text}” at ${clock(c.start_ms)}: play from here`} title={c.text} />
            ))}
            {playhead}
          </div>
        </div>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { client, mediaUrl } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';

/** "Is this Alice?": one face at a time, most confident first; Y, N, S on the keyboard. */
export function ReviewView() {
  const list = useLoad(() => client.invoke('suggestions.list', { limit: 50 }), []);
  const [skipped, setSkipped] = useState<string[]>([]);
  const current = list.data?.find((s) => !skipped.includes(`${s.face.id}:${s.person_id}`));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!current || (e.target as HTMLElement).tagName === 'INPUT') return;
      const k = e.key.toLowerCase();
      if (k === 'y' || k === 'n') void attempt(() => client.invoke('suggestions.answer', { face_id: current.face.id, person_id: current.person_id, answer: k === 'y' ? 'yes' : 'no' }));
      if (k === 's') setSkipped((s) => [...s, `${current.face.id}:${current.person_id}`]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current]);
  if (list.loading && !list.data) return <section className="view"><p className="muted">Looking for faces to confirm…</p></section>;
  if (!current) return <section className="view review"><div className="empty"><p>Nothing to review. Kindred asks here when it is unsure who someone is.</p></div></section>;
  return (
    <section className="view review">
      <div className="review-card card">
        <img src={mediaUrl('face', current.face.id)} alt="" className="review-face" />
        <h1 data-testid="review-question">Is this {current.person_name ?? 'the same person'}?</h1>
        <p className="muted">confidence {(current.confidence * 100).toFixed(0)}%</p>
        <div className="row">
          <button onClick={() => void attempt(() => client.invoke('suggestions.answer', { face_id: current.face.id, person_id: current.person_id, answer: 'yes' }))}>Yes (Y)</button>
          <button onClick={() => void attempt(() => client.invoke('suggestions.answer', { face_id: current.face.id, person_id: current.person_id, answer: 'no' }))}>No (N)</button>
          <button onClick={() => setSkipped((s) => [...s, `${current.face.id}:${current.person_id}`])}>Skip (S)</button>
        </div>
      </div>
    </section>
  );
}

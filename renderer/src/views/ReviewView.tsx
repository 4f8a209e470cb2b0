import { useState } from 'react';
import type { PersonPairSuggestion, Suggestion } from '../../../shared/domain/recognition.ts';
import type { FaceId, LibraryId } from '../../../shared/ids.ts';
import { client, mediaUrl } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { useCommands } from '../commands/useCommands.ts';
import { attempt, plural, useLoad } from '../hooks.ts';
import { restoreFaces, snapshot } from '../library/photo-actions.ts';
import { navigate } from '../router.ts';
import { useApp } from '../store.ts';
import { LibrarySelect } from '../ui/LibrarySelect.tsx';
import { qualityWords } from '../people/face-quality.ts';
import { likelihood } from '../people/likelihood.ts';
import { PairQuestion } from '../people/PairQuestion.tsx';
import { mergePeople } from '../people/people-actions.ts';

interface Evidence {
  references: Array<{ face_id: FaceId; year: number | null }>;
  nextBest: string | null;
  explanation: string;
}

/** Why Kindred asks: the candidate's faces closest to this one (and when they were taken), and who came next. */
async function evidenceFor(s: Suggestion): Promise<Evidence> {
  const theirs = await client.invoke('faces.list', { person_id: s.person_id, limit: 1000 });
  const ids = theirs.items.map((f) => f.id).filter((id) => id !== s.face.id);
  const similar = ids.length ? await client.invoke('faces.find_similar', { face_id: s.face.id, face_ids: ids, mode: 'matchFace', max_candidates: 4 }) : [];
  const references: Evidence['references'] = [];
  for (const m of similar) {
    if (!('face_id' in m)) continue;
    const face = theirs.items.find((f) => f.id === m.face_id);
    const asset = face ? await client.invoke('assets.get', { asset_id: face.asset_id }).catch(() => null) : null;
    references.push({ face_id: m.face_id as FaceId, year: asset?.taken_at ? new Date(asset.taken_at).getFullYear() : null });
  }
  const ca = await client.invoke('faces.cluster_assignment', { face_id: s.face.id, max_candidates: 3 }).catch(() => null);
  const other = ca?.candidates.find((c) => c.person_id !== s.person_id);
  const nextBest = other ? (other.name ?? 'an unnamed person') : null;
  const who = s.person_name ? `${s.person_name}’s` : 'this unnamed person’s';
  // Photo dates only where the camera recorded them: file dates say when a file was copied, not taken.
  const years = [...new Set(references.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const when = years.length ? ` from ${years.length > 2 ? `${years[0]}–${years.at(-1)}` : years.join(' and ')}` : '';
  return { references, nextBest, explanation: `Closest to ${who} photos${when}${nextBest ? `; next best: ${nextBest}` : '; nobody else comes close'}.` };
}

/**
 * "Is this Alice?": one face beside the person it may be, named people first, with the faces that
 * make Kindred think so and an explanation in words. Y, N and S answer; Ctrl/Cmd+Z takes it back.
 */
export function ReviewView() {
  const globalLibrary = useApp((s) => s.library);
  const libraries = useLoad(() => client.invoke('libraries.list', {}), [], ['libraries']);
  const [chosen, setChosen] = useState<LibraryId | null>(null);
  const libs = libraries.data ?? [];
  // With several libraries someone has to say which one is reviewed: the switcher's, else the one picked here.
  const library = globalLibrary ?? (libs.length > 1 ? (chosen ?? libs[0]!.id) : null);
  const list = useLoad(() => (libraries.data ? client.invoke('suggestions.list', { limit: 200, ...(library ? { library_id: library } : {}) }) : Promise.resolve([])), [library, !!libraries.data], ['faces', 'people']);
  // Faces answered or skipped in this visit: not asked again about another person straight away.
  const [done, setDone] = useState<FaceId[]>([]);
  const queue = [...(list.data ?? [])].filter((s) => !done.includes(s.face.id)).sort((a, b) => Number(!!b.person_name) - Number(!!a.person_name) || b.confidence - a.confidence);
  const seen = new Set<FaceId>();
  const unique = queue.filter((s) => !seen.has(s.face.id) && seen.add(s.face.id));
  const current = unique[0];
  const evidence = useLoad(() => (current ? evidenceFor(current) : Promise.resolve(null)), [current?.face.id, current?.person_id], []);

  const answer = (s: Suggestion, yes: boolean) =>
    void attempt(async () => {
      setDone((d) => [...d, s.face.id]);
      const before = snapshot([s.face]);
      const who = s.person_name ?? 'this person';
      await perform({
        label: yes ? `Yes, ${who}` : `Not ${who}`,
        run: () => client.invoke('suggestions.answer', { face_id: s.face.id, person_id: s.person_id, answer: yes ? 'yes' : 'no' }),
        undo: async () => {
          await restoreFaces(before, yes ? [] : [s.person_id]);
          setDone((d) => d.filter((f) => f !== s.face.id));
        },
      });
    });
  const skip = (s: Suggestion) => setDone((d) => [...d, s.face.id]);

  // "Are these the same person?": pairs of people, asked after (or beside) the faces.
  const pairs = useLoad(() => (libraries.data ? client.invoke('suggestions.people', { limit: 20, ...(library ? { library_id: library } : {}) }) : Promise.resolve([])), [library, !!libraries.data], ['people']);
  const [donePairs, setDonePairs] = useState<string[]>([]);
  const pairKey = (p: PersonPairSuggestion) => [p.person.id, p.other.id].sort().join(':');
  const pair = (pairs.data ?? []).find((p) => !donePairs.includes(pairKey(p)));
  const answerPair = (p: PersonPairSuggestion, yes: boolean) =>
    void attempt(async () => {
      setDonePairs((d) => [...d, pairKey(p)]);
      if (yes) await mergePeople(p.person, [p.other.id]);
      else {
        await client.invoke('suggestions.answer_people', { person_id: p.person.id, other_person_id: p.other.id, answer: 'no' });
        useApp.getState().toast(`Kept ${p.person.name ?? 'an unnamed person'} and ${p.other.name ?? 'an unnamed person'} apart`);
      }
    });
  useCommands(() => [
    // Y and N answer the face question while there is one, then the pair of people.
    { id: 'review.yes', label: 'Yes, same person', group: 'Review', keys: ['y'], enabled: () => !!current || !!pair, perform: () => (current ? answer(current, true) : pair && answerPair(pair, true)) },
    { id: 'review.no', label: 'No, someone else', group: 'Review', keys: ['n'], enabled: () => !!current || !!pair, perform: () => (current ? answer(current, false) : pair && answerPair(pair, false)) },
    { id: 'review.skip', label: 'Skip for now', group: 'Review', keys: ['s'], enabled: () => !!current, perform: () => current && skip(current) },
  ]);

  const chooser = libs.length > 1 && !globalLibrary && (
    <label className="row tight">
      Library
      <LibrarySelect label="Library to review" libraries={libs} value={library} onChange={setChosen} />
    </label>
  );
  const header = (
    <header className="view-header">
      <h1 id="review-title">Review</h1>
      {current && <span className="muted" data-testid="review-progress">{`${done.length + 1} of ${done.length + unique.length}`}</span>}
      {chooser}
    </header>
  );
  if (list.loading && !list.data) return <section className="view review" aria-labelledby="review-title">{header}<p className="muted">Looking for faces to confirm…</p></section>;
  if (!current)
    return (
      <section className="view review" aria-labelledby="review-title">
        {header}
        {pair ? (
          <PairQuestion pair={pair} keys onAnswer={(yes) => answerPair(pair, yes)} />
        ) : (
          <div className="empty">
            <p>{done.length || donePairs.length ? `All done: ${[done.length ? plural(done.length, 'face') : '', donePairs.length ? plural(donePairs.length, 'pair') + ' of people' : ''].filter(Boolean).join(' and ')} reviewed.` : 'Nothing to review. Kindred asks here when it is unsure who someone is.'}</p>
          </div>
        )}
      </section>
    );
  const f = current.face;
  const who = current.person_name ?? 'this unnamed person';
  const question = current.person_name ? `Is this ${current.person_name}?` : 'Is this the same person as these?';
  return (
    <section className="view review" aria-labelledby="review-title">
      {header}
      <div className="review-card card" key={`${f.id}:${current.person_id}`}>
        <figure className="review-face">
          <img src={mediaUrl('face', f.id, f.updated_at)} alt="The face to identify" />
          <figcaption className="muted">
            <span data-testid="review-quality">{qualityWords(f.quality)}</span>
            {f.source === 'manual' ? ' · drawn by hand' : ''} ·{' '}
            <button className="link" onClick={() => navigate({ name: 'library', people: [], photo: f.asset_id })}>
              Show the photo
            </button>
          </figcaption>
        </figure>
        <div className="review-candidate">
          <h2 data-testid="review-question">{question}</h2>
          <p>
            <strong>{likelihood(current.confidence)}</strong> <span className="muted">({Math.min(99, Math.round(current.confidence * 100))}% confidence)</span>
          </p>
          <div className="reference-faces" aria-label={`Faces of ${who}`} role="group">
            {(evidence.data?.references ?? []).map((r) => (
              <figure key={r.face_id}>
                <img src={mediaUrl('face', r.face_id)} alt={`${who}${r.year ? `, ${r.year}` : ''}`} />
                {r.year && <figcaption className="muted">{r.year}</figcaption>}
              </figure>
            ))}
            {evidence.loading && !evidence.data && <span className="muted">Finding their closest faces…</span>}
          </div>
          <p className="explanation" data-testid="review-explanation">{evidence.data?.explanation ?? ''}</p>
          <div className="row">
            <button className="btn primary" onClick={() => answer(current, true)}>
              Yes <kbd>Y</kbd>
            </button>
            <button className="btn" onClick={() => answer(current, false)}>
              No <kbd>N</kbd>
            </button>
            <button className="btn ghost" onClick={() => skip(current)}>
              Skip <kbd>S</kbd>
            </button>
          </div>
        </div>
      </div>
      {pair && <PairQuestion pair={pair} keys={false} onAnswer={(yes) => answerPair(pair, yes)} />}
    </section>
  );
}

import { useId, useState } from 'react';
import type { Face } from '../../../shared/domain/face.ts';
import type { Person } from '../../../shared/domain/person.ts';
import { client, mediaUrl } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { attempt } from '../hooks.ts';
import { restoreFaces, snapshot } from '../library/photo-actions.ts';
import { qualityWords } from '../people/face-quality.ts';
import { applyPlan, describePlan, planNaming } from './naming.ts';
import { PanelHeader } from './PanelHeader.tsx';

interface FacePanelProps {
  face: Face;
  person: Person | null;
  named: Person[];
  onClose(): void;
  onRedraw(): void;
  onOpenPerson(p: Person): void;
}

/** One face: who it is, name it (saying what that will do), take it out, redraw or delete it. */
export function FacePanel({ face, person, named, onClose, onRedraw, onOpenPerson }: FacePanelProps) {
  const [typed, setTyped] = useState('');
  const hint = useId();
  const names = useId();
  const plan = planNaming(face, person, typed, named);
  const submit = () =>
    void attempt(async () => {
      await applyPlan(face, plan);
      setTyped('');
    });
  const before = snapshot([face]);
  return (
    <aside className="side-panel face-panel" aria-label="Face">
      <PanelHeader title="Face" closeLabel="Close the face panel" onClose={onClose} />
      <img className="face-crop" src={mediaUrl('face', face.id, face.updated_at)} alt="" data-testid="face-crop" />
      <p>
        {person ? (
          <button className="link" onClick={() => onOpenPerson(person)}>
            {person.name ?? 'Unnamed person'}
          </button>
        ) : (
          'Not anyone yet'
        )}{' '}
        {face.source === 'manual' && <span className="muted">(drawn by hand)</span>}
      </p>
      <p className={`muted face-quality ${face.quality?.quality_for_recognition ?? ''}`} data-testid="face-quality">
        {qualityWords(face.quality)}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="stack"
      >
        <label htmlFor={`${hint}-input`}>Who is this?</label>
        <div className="row">
          <input id={`${hint}-input`} list={names} placeholder="A name" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={hint} autoFocus />
          <datalist id={names}>
            {named.map((p) => (
              <option key={p.id} value={p.name!} />
            ))}
          </datalist>
          <button type="submit" className="btn primary" disabled={plan.kind === 'none'}>
            Name
          </button>
        </div>
        <p id={hint} className="hint" aria-live="polite">
          {describePlan(plan)}
        </p>
      </form>
      <div className="stack">
        {person && (
          <button
            className="btn"
            onClick={() =>
              void attempt(() =>
                perform({
                  label: `Marked “not ${person.name ?? 'this person'}”`,
                  run: () => client.invoke('faces.detach', { face_ids: [face.id], reject: true }),
                  undo: async () => {
                    await restoreFaces(before, [person.id]);
                    if (person.thumbnail_face_id === face.id) await client.invoke('people.update', { person_id: person.id, thumbnail_face_id: face.id });
                  },
                }),
              )
            }
          >
            Not {person.name ?? 'this person'}
          </button>
        )}
        {person && (
          <button
            className="btn"
            onClick={() => void attempt(() => perform({ label: 'Took the face out of its person', run: () => client.invoke('faces.detach', { face_ids: [face.id] }), undo: () => restoreFaces(before) }))}
          >
            Remove from person
          </button>
        )}
        {face.source === 'manual' && (
          <button className="btn" onClick={onRedraw}>
            Resize or move
          </button>
        )}
        {face.source === 'manual' && (
          <button
            className="btn danger"
            onClick={() =>
              void attempt(async () => {
                let current = face;
                await perform({
                  label: 'Deleted the face',
                  run: () => client.invoke('faces.delete', { face_id: current.id }),
                  // Undo draws it again: same box, same person (a new id, embedded afresh).
                  undo: async () => {
                    current = await client.invoke('faces.create', { asset_id: face.asset_id, bounding_box: face.bounding_box, ...(face.person_id ? { person_id: face.person_id } : {}) });
                  },
                });
                onClose();
              })
            }
          >
            Delete face
          </button>
        )}
      </div>
    </aside>
  );
}

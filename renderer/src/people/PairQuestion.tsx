import type { PersonPairSuggestion } from '../../../shared/domain/recognition.ts';
import { mediaUrl } from '../client/client.ts';
import { plural } from '../hooks.ts';
import { likelihood } from './likelihood.ts';

/** "Are these the same person?": two people the engine kept apart, each with the faces that look most alike. */
export function PairQuestion({ pair, keys, onAnswer }: { pair: PersonPairSuggestion; keys: boolean; onAnswer(yes: boolean): void }) {
  const side = (p: PersonPairSuggestion['person'], faces: string[]) => {
    const name = p.name ?? 'Unnamed';
    return (
      <div className="pair-side" role="group" aria-label={`Faces of ${name}`}>
        <div className="reference-faces">
          {faces.slice(0, 3).map((id) => (
            <img key={id} src={mediaUrl('face', id)} alt={`${name}`} />
          ))}
        </div>
        <p>
          <strong>{name}</strong> <span className="muted">· {plural(p.asset_count, 'photo')}</span>
        </p>
      </div>
    );
  };
  return (
    <div className="pair-card card" data-testid="pair-question">
      <h2>Are these the same person?</h2>
      <div className="pair-sides">
        {side(pair.person, pair.person_face_ids)}
        {side(pair.other, pair.other_face_ids)}
      </div>
      <p>
        <strong>{likelihood(pair.confidence)}</strong> <span className="muted">({Math.min(99, Math.round(pair.confidence * 100))}% confidence)</span> · Yes merges them into one person (you can undo it); No keeps them apart for good.
      </p>
      <div className="row">
        <button className="btn primary" onClick={() => onAnswer(true)}>
          Yes, merge them {keys && <kbd>Y</kbd>}
        </button>
        <button className="btn" onClick={() => onAnswer(false)}>
          No, different people {keys && <kbd>N</kbd>}
        </button>
      </div>
    </div>
  );
}

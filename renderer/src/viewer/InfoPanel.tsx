import type { Asset } from '../../../shared/domain/asset.ts';
import type { Person } from '../../../shared/domain/person.ts';
import { client } from '../client/client.ts';
import { useLoad } from '../hooks.ts';
import { ageOn, ageText, fullDate } from '../library/dates.ts';
import { PanelHeader } from './PanelHeader.tsx';

const megabytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} KB`);

/** About the photo: when, which file, which camera, how big, who is in it. */
export function InfoPanel({ asset, people, onClose, onOpenPerson }: { asset: Asset; people: Person[]; onClose(): void; onOpenPerson(p: Person): void }) {
  const details = useLoad(() => client.invoke('assets.details', { asset_id: asset.id }), [asset.id], []);
  const d = details.data;
  const date = d?.taken_at ?? d?.sort_at ?? null;
  const exposure = d ? [d.aperture ? `ƒ/${d.aperture}` : '', d.exposure ?? '', d.iso ? `ISO ${d.iso}` : '', d.focal_length ? `${Math.round(d.focal_length)} mm` : ''].filter(Boolean).join(' · ') : '';
  return (
    <aside className="side-panel info-panel" aria-label="Photo info">
      <PanelHeader title="Info" closeLabel="Close info" onClose={onClose} />
      <dl className="facts">
        <dt>Date</dt>
        <dd>{date ? fullDate(date) : '—'}{d && !d.taken_at && <span className="muted"> (file date)</span>}</dd>
        <dt>File</dt>
        <dd className="break">{asset.file_name}</dd>
        <dt>Size</dt>
        <dd>
          {asset.width && asset.height ? `${asset.width} × ${asset.height} · ${((asset.width * asset.height) / 1e6).toFixed(1)} MP · ` : ''}
          {megabytes(asset.size)}
        </dd>
        <dt>Camera</dt>
        <dd>{d?.camera ?? (details.loading ? '…' : 'Not recorded')}</dd>
        {d?.lens && (
          <>
            <dt>Lens</dt>
            <dd>{d.lens}</dd>
          </>
        )}
        {exposure && (
          <>
            <dt>Exposure</dt>
            <dd>{exposure}</dd>
          </>
        )}
        <dt>People</dt>
        <dd>
          {people.length === 0 ? (
            <span className="muted">Nobody named yet</span>
          ) : (
            <ul className="plain">
              {people.map((p) => {
                const age = p.birth_date && date ? ageOn(p.birth_date, date.slice(0, 10)) : null;
                return (
                  <li key={p.id}>
                    <button className="link" onClick={() => onOpenPerson(p)}>
                      {p.name ?? 'Unnamed'}
                    </button>
                    {age !== null && <span className="muted"> · {ageText(age)}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
      </dl>
    </aside>
  );
}

import { client } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';
import { PathField } from '../components/PathField.tsx';
import type { AssetId } from '../../../shared/ids.ts';

/** Photos whose file went away: kept with their faces and names until purged, or relinked to where they are now. */
export function MissingView() {
  const missing = useLoad(() => client.invoke('assets.missing', { limit: 500 }), [], ['assets']);
  const purge = (ids: AssetId[]) =>
    void attempt(async () => useApp.getState().toast(`Purged ${(await client.invoke('assets.purge', { asset_ids: ids })).purged} photos.`));
  const relink = (id: AssetId, path: string) =>
    void attempt(async () => {
      await client.invoke('assets.relink', { asset_id: id, path });
      useApp.getState().toast('Relinked: the photo keeps its faces and names.');
    });
  const items = missing.data?.items ?? [];
  return (
    <section className="view missing" aria-labelledby="missing-title">
      <header className="view-header">
        <h1 id="missing-title">Missing photos</h1>
      </header>
      <p className="muted">These files were deleted or moved outside your folders. Their faces and names are kept: put the file back (or show Kindred where it is) to bring them back, or purge them.</p>
      {items.length === 0 && !missing.loading && <p>Nothing is missing.</p>}
      {items.length > 0 && <button className="btn danger" onClick={() => purge(items.map((m) => m.asset_id))}>Purge all {missing.data?.total}</button>}
      <ul className="missing-list">
        {items.map((m) => (
          <li key={m.asset_id} className="card">
            <strong>{m.file_name}</strong> <span className="muted">{m.folder}/{m.relative_path} · {m.face_count} faces · gone since {new Date(m.missing_since).toLocaleString()}</span>
            <div className="row">
              <PathField label={`New place of ${m.file_name}`} action="Relink…" file={m.file_name} onPath={(p) => relink(m.asset_id, p)} />
              <button className="btn danger" onClick={() => purge([m.asset_id])}>Purge</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

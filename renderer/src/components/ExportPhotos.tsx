import { useState } from 'react';
import type { AssetId, PersonId } from '../../../shared/ids.ts';
import { client } from '../client/client.ts';
import { attempt } from '../hooks.ts';
import { useApp } from '../store.ts';
import { PathField } from './PathField.tsx';

/** Copy a person's photos (or the selected ones) into a folder, optionally with XMP sidecars of their named faces. */
export function ExportPhotos(which: { personId: PersonId } | { assetIds: () => AssetId[] }) {
  const [sidecars, setSidecars] = useState(true);
  const run = (folder: string) =>
    void attempt(async () => {
      const r = await client.invoke('assets.export', { ...('personId' in which ? { person_id: which.personId } : { asset_ids: which.assetIds() }), folder, sidecars });
      useApp.getState().toast(`Exported ${r.exported} photos${sidecars ? ` with ${r.sidecars} XMP sidecars` : ''}${r.failed.length ? `; ${r.failed.length} could not be copied` : ''}.`);
    });
  return (
    <div className="row export-photos">
      <label>
        <input type="checkbox" checked={sidecars} onChange={(e) => setSidecars(e.target.checked)} /> with XMP sidecars
      </label>
      <PathField label="Export folder" action="Export photos…" onPath={run} />
    </div>
  );
}

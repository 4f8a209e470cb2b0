import { client } from '../client/client.ts';
import { attempt } from '../hooks.ts';
import { useApp } from '../store.ts';
import { writeAllSidecars } from '../library/sidecars.ts';
import { PathField } from './PathField.tsx';

const toast = (text: string) => useApp.getState().toast(text);
const stamp = () => new Date().toISOString().slice(0, 10);

/** The disk and the catalogue: rescan the folders, write face regions for other tools, back up and restore. */
export function LibraryToolsPanel() {
  const rescan = () => void attempt(async () => toast(`Rescanning ${(await client.invoke('libraries.rescan', {})).length} libraries…`));
  const writeXmp = () => void attempt(async () => toast(await writeAllSidecars()));
  const backup = (path: string) =>
    void attempt(async () => {
      const r = await client.invoke('catalogue.backup', { path });
      toast(`Backed up ${r.assets} photos, ${r.faces} faces and ${r.people} people.`);
    });
  const restore = (path: string) =>
    void attempt(async () => {
      const r = await client.invoke('catalogue.restore', { path });
      toast(`Restored ${r.assets} photos, ${r.faces} faces and ${r.people} people.`);
    });
  return (
    <div className="card settings-block">
      <h2>Library</h2>
      <p className="muted">Kindred watches your folders; a rescan looks at all of them now (moved photos keep their faces, deleted ones go to Missing).</p>
      <div className="row">
        <button className="btn" onClick={rescan}>Rescan folders</button>
        <button className="btn" onClick={writeXmp}>Write face regions to XMP sidecars</button>
      </div>
      <h3>Backup</h3>
      <p className="muted">The whole catalogue — photos, faces, people, every decision and these settings — in one file.</p>
      <PathField label="Backup file" action="Back up…" file={`kindred-backup-${stamp()}.sqlite`} onPath={backup} />
      <PathField label="Backup to restore" action="Restore…" file="kindred-backup.sqlite" onPath={restore} />
    </div>
  );
}

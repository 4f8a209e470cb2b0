import { useEffect, useRef, useState } from 'react';
import type { Job } from '../../../shared/domain/job.ts';
import { CATALOGUED_FORMATS } from '../../../shared/formats.ts';
import { skipCountLabels, skipReasonLabel } from '../../../shared/domain/skip-reason.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { bridge, client } from '../client/client.ts';
import { attempt, plural, useLoad } from '../hooks.ts';
import { navigate, LIBRARY } from '../router.ts';
import { useApp } from '../store.ts';
import { FolderInput } from '../ui/Icon.tsx';

const NEW = '__new__';
const FINISHED = new Set<Job['state']>(['done', 'failed', 'cancelled']);

/** Import a folder into a library (chosen here when there are several), with progress and an honest summary. */
export function ImportView() {
  const [path, setPath] = useState('');
  const [job, setJobRaw] = useState<Job | null>(null);
  // Events can overtake the reply that started the job (an empty folder is done at once): keep the newest word on a job.
  const setJob = (next: Job) => setJobRaw((cur) => (cur && cur.id === next.id && (cur.updated_at > next.updated_at || (cur.updated_at === next.updated_at && FINISHED.has(cur.state))) ? cur : next));
  const [dropNote, setDropNote] = useState<string | null>(null);
  const globalLibrary = useApp((s) => s.library);
  const libraries = useLoad(() => client.invoke('libraries.list', {}), [], ['libraries']);
  const [target, setTarget] = useState<string>('');
  const [newName, setNewName] = useState('');
  /** Photos in the library before this page started the import: the difference is what is new. */
  const before = useRef<{ library: LibraryId | null; count: number } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  useEffect(() => {
    const offs = [client.on('job.progress', setJob), client.on('job.finished', setJob)];
    void client.invoke('jobs.list', { active: true }).then((jobs) => jobs[0] && setJob(jobs[0]));
    return () => offs.forEach((off) => off());
  }, []);
  const libs = libraries.data ?? [];
  const chosen = target || globalLibrary || libs[0]?.id || '';
  const skipped = useLoad(() => client.invoke('import.skipped', { limit: 200, ...(job ? { library_id: job.library_id } : {}) }), [job?.state, job?.library_id], ['assets']);

  useEffect(() => {
    if (!job || job.state === 'running' || job.state === 'queued' || job.state === 'paused') return;
    void client.invoke('libraries.list', {}).then((ls) => {
      const lib = ls.find((l) => l.id === job.library_id);
      const p = job.progress;
      if (job.state !== 'done') return setSummary(job.state === 'cancelled' ? 'Import cancelled. What was catalogued stays.' : `Import failed: ${job.error ?? 'unknown error'}`);
      if (p.files_found === 0) return setSummary(`No photos found in ${job.paths.join(', ')}. Kindred looks for ${CATALOGUED_FORMATS} in the folder and its subfolders.`);
      const added = before.current && lib && before.current.library === lib.id ? lib.asset_count - before.current.count : null;
      const parts = [
        added === null ? `${plural(p.files_done - p.files_skipped - p.duplicates, 'photo')} catalogued` : added > 0 ? `${plural(added, 'new photo')} added to ${lib!.name}` : `Nothing new: every photo in this folder is already in ${lib!.name}`,
        p.duplicates ? `${plural(p.duplicates, 'duplicate')} skipped (the same photo was already imported)` : '',
        p.files_skipped ? `${plural(p.files_skipped, 'file')} not catalogued (listed below with why)` : '',
        `${plural(p.faces, 'face')} in the library`,
      ];
      setSummary(`${parts.filter(Boolean).join('. ')}.`);
    });
  }, [job?.state, job?.id]);

  const start = async (paths: string[]): Promise<void> => {
    if (!paths.length) return;
    const lib = chosen === NEW ? null : (chosen as LibraryId) || null;
    if (chosen === NEW && !newName.trim()) {
      useApp.getState().toast('Give the new library a name first.', { tone: 'error' });
      return;
    }
    await attempt(async () => {
      const current = (await client.invoke('libraries.list', {})).find((l) => l.id === lib);
      setSummary(null);
      const started = await client.invoke('import.start', { paths, ...(chosen === NEW ? { library_name: newName.trim() } : lib ? { library_id: lib } : {}) });
      before.current = { library: started.library_id, count: current && current.id === started.library_id ? current.asset_count : 0 };
      setJob(started);
    });
  };
  const p = job?.progress;
  const running = job?.state === 'running' || job?.state === 'queued';
  const pct = job?.state === 'done' ? 100 : p && p.files_found ? Math.round((100 * p.files_done) / p.files_found) : 0;
  return (
    <section
      className="view import"
      aria-labelledby="import-title"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        if (bridge) void start(bridge.pathsForFiles(Array.from(e.dataTransfer.files)));
        else setDropNote('A browser cannot tell Kindred where a dropped folder is. Type its path instead (for example ~/Pictures), or use the desktop app, where dropping works.');
      }}
    >
      <header className="view-header">
        <h1 id="import-title">Import photos</h1>
      </header>
      <div className="card stack import-form">
        <p className="muted">{bridge ? 'Drop a folder on the window, or choose one.' : 'Type the path of a folder on this computer, like /home/you/Pictures or ~/Pictures.'}</p>
        {(libs.length > 1 || chosen === NEW) && (
          <label className="row tight">
            Into
            <select aria-label="Import into library" value={chosen} onChange={(e) => setTarget(e.target.value)}>
              {libs.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({plural(l.asset_count, 'photo')})
                </option>
              ))}
              <option value={NEW}>New library…</option>
            </select>
            {chosen === NEW && <input aria-label="New library name" placeholder="Library name" value={newName} onChange={(e) => setNewName(e.target.value)} />}
          </label>
        )}
        {libs.length === 1 && chosen !== NEW && (
          <p className="muted">
            Into {libs[0]!.name}.{' '}
            <button className="link" onClick={() => setTarget(NEW)}>
              Use a new library
            </button>
          </p>
        )}
        <form className="row" onSubmit={(e) => { e.preventDefault(); void start([path.trim()]); }}>
          {bridge ? (
            <button type="button" className="btn primary" onClick={() => void bridge?.chooseFolders().then(start)}>
              <FolderInput aria-hidden size={16} /> Choose folder…
            </button>
          ) : (
            <>
              <input className="grow" aria-label="Folder path" placeholder="/home/me/Pictures" value={path} onChange={(e) => setPath(e.target.value)} />
              <button type="submit" className="btn primary" disabled={!path.trim() || running}>
                Import
              </button>
            </>
          )}
        </form>
        {dropNote && <p className="note" role="alert">{dropNote}</p>}
      </div>
      {job && p && (
        <div className="card progress-card">
          <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <div className="bar" style={{ width: `${pct}%` }} />
          </div>
          <div className="row muted">
            <span>{running ? `${p.phase[0]!.toUpperCase()}${p.phase.slice(1)}…` : job.state === 'done' ? 'Finished' : job.state[0]!.toUpperCase() + job.state.slice(1)}</span>
            {p.files_found > 0 && <span>{p.files_done.toLocaleString()} of {plural(p.files_found, 'file')}</span>}
            {p.duplicates > 0 && <span>{plural(p.duplicates, 'duplicate')}</span>}
            <span>{plural(p.faces, 'face')}</span>
            {running && p.rate !== null && <span>{p.rate.toFixed(1)} files/s</span>}
            {running && p.eta_seconds !== null && p.eta_seconds > 0 && <span>about {Math.ceil(p.eta_seconds)} s left</span>}
            <span data-state={job.state} className="visually-hidden">{job.state}</span>
          </div>
          {summary && !running && (
            <p className="summary" data-testid="import-summary">
              {summary}{' '}
              {job.state === 'done' && p.files_found > 0 && (
                <button className="link" onClick={() => navigate(LIBRARY)}>
                  See the photos
                </button>
              )}
            </p>
          )}
          {running && (
            <div className="row">
              <button className="btn" onClick={() => void attempt(async () => setJob(await client.invoke('jobs.pause', { job_id: job.id })))}>Pause</button>
              <button className="btn danger" onClick={() => void attempt(async () => setJob(await client.invoke('jobs.cancel', { job_id: job.id })))}>Cancel</button>
            </div>
          )}
          {job.state === 'paused' && <button className="btn primary" onClick={() => void attempt(async () => setJob(await client.invoke('jobs.resume', { job_id: job.id })))}>Resume</button>}
        </div>
      )}
      {skipped.data && skipped.data.total > 0 && (
        <div className="card">
          <h2>Files not catalogued ({skipped.data.total})</h2>
          <p className="muted" data-testid="skip-counts">
            {skipCountLabels(skipped.data.by_reason).join(' · ')}
          </p>
          <ul className="skipped">
            {skipped.data.items.map((s) => (
              <li key={s.relative_path}>
                <strong>{s.relative_path}</strong> — {skipReasonLabel(s.reason)}{s.error !== skipReasonLabel(s.reason) ? `: ${s.error}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

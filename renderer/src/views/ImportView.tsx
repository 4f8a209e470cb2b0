import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/domain/job.ts';
import { bridge, client } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';

export function ImportView() {
  const [path, setPath] = useState('');
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    const offs = [client.on('job.progress', setJob), client.on('job.finished', setJob)];
    void client.invoke('jobs.list', { active: true }).then((jobs) => jobs[0] && setJob(jobs[0]));
    return () => offs.forEach((off) => off());
  }, []);
  const skipped = useLoad(() => client.invoke('import.skipped', { limit: 200 }), [job?.state]);
  const start = async (paths: string[]): Promise<void> => {
    if (paths.length) await attempt(async () => setJob(await client.invoke('import.start', { paths })));
  };
  const p = job?.progress;
  const pct = p && p.files_found ? Math.round((100 * (p.files_done + p.files_skipped)) / p.files_found) : 0;
  const running = job?.state === 'running' || job?.state === 'queued';
  return (
    <section
      className="view import"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        if (bridge) void start(bridge.pathsForFiles(Array.from(e.dataTransfer.files)));
      }}
    >
      <h1>Import photos</h1>
      <p className="muted">{bridge ? 'Drop a folder on the window, or choose one.' : 'Type the path of a folder on this computer.'}</p>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void start([path.trim()]); }}>
        {bridge ? (
          <button type="button" onClick={() => void bridge?.chooseFolders().then(start)}>Choose folder…</button>
        ) : (
          <>
            <input aria-label="Folder path" placeholder="/home/me/Pictures" value={path} onChange={(e) => setPath(e.target.value)} />
            <button type="submit" disabled={!path.trim()}>Import</button>
          </>
        )}
      </form>
      {job && p && (
        <div className="card progress-card">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.state === 'done' ? 100 : pct}>
            <div className="bar" style={{ width: `${job.state === 'done' ? 100 : pct}%` }} />
          </div>
          <div className="row muted">
            <span>{p.phase}</span>
            <span>{p.files_done}/{p.files_found} files</span>
            <span>{p.faces} faces</span>
            {p.rate !== null && <span>{p.rate.toFixed(1)} files/s</span>}
            {p.eta_seconds !== null && running && <span>about {Math.ceil(p.eta_seconds)} s left</span>}
            <span data-state={job.state}>{job.state}</span>
          </div>
          {running && (
            <div className="row">
              <button onClick={() => void attempt(async () => setJob(await client.invoke('jobs.pause', { job_id: job.id })))}>Pause</button>
              <button onClick={() => void attempt(async () => setJob(await client.invoke('jobs.cancel', { job_id: job.id })))}>Cancel</button>
            </div>
          )}
          {job.state === 'paused' && <button onClick={() => void attempt(async () => setJob(await client.invoke('jobs.resume', { job_id: job.id })))}>Resume</button>}
        </div>
      )}
      {skipped.data && skipped.data.total > 0 && (
        <div className="card">
          <h2>Skipped files ({skipped.data.total})</h2>
          <ul className="skipped">
            {skipped.data.items.map((s, i) => <li key={i}><strong>{s.file_name}</strong> — {s.error}</li>)}
          </ul>
        </div>
      )}
    </section>
  );
}

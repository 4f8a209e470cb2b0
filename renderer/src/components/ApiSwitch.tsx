import { useEffect, useState } from 'react';
import { isLoopbackHost, type ApiSettings, type ApiStatus } from '../../../shared/domain/api-key.ts';
import { client } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';

/** Switch the local REST API on or off and choose where it listens (the desktop app applies it at once). */
export function ApiSwitch() {
  const loaded = useLoad(() => client.invoke('settings.api', {}), [], []);
  const [draft, setDraft] = useState<ApiSettings | null>(null);
  const [status, setStatus] = useState<ApiStatus | null>(null);
  useEffect(() => {
    setDraft(loaded.data);
    setStatus(loaded.data?.status ?? null);
  }, [loaded.data]);
  useEffect(() => client.on('api.status', setStatus), []);
  if (!draft) return <div className="card muted">{loaded.error ?? 'Loading…'}</div>;
  // Shown at once; what the core stored (or, on a refused value, what it still has) replaces it.
  const save = (patch: Partial<ApiSettings>) => {
    setDraft({ ...draft, ...patch });
    void attempt(async () => setDraft(await client.invoke('settings.update_api', patch))).then(async (ok) => {
      if (!ok) setDraft(await client.invoke('settings.api', {}));
    });
  };
  const open = !isLoopbackHost(draft.api_host);
  // Under `kindred serve` the API is served whatever this switch says: show it on, and say why it cannot be turned off here.
  const unmanaged = status?.state === 'unmanaged';
  return (
    <div className="card settings-block">
      <h2>Local REST API</h2>
      <p className="muted">
        Scripts and home automation can use your library through a REST API on this computer, with an API key. Endpoints follow the photo-library, identity and cloud face APIs; the
        full description is at <code>/api/openapi.json</code>.
      </p>
      {unmanaged && (
        <label className="row">
          <input type="checkbox" checked disabled data-testid="api-served" /> Served now by <code>kindred serve</code>
        </label>
      )}
      <label className="row">
        <input type="checkbox" checked={draft.api_enabled} onChange={(e) => save({ api_enabled: e.target.checked })} data-testid="api-enabled" aria-describedby="api-status" />
        {unmanaged ? 'Serve it from the desktop app too' : 'Serve the local API'}
      </label>
      <div className="row">
        <label>
          Address <input value={draft.api_host} onChange={(e) => setDraft({ ...draft, api_host: e.target.value })} onBlur={() => save({ api_host: draft.api_host })} aria-label="API address" />
        </label>
        <label>
          Port{' '}
          <input
            type="number"
            min={1024}
            max={65535}
            value={draft.api_port}
            onChange={(e) => setDraft({ ...draft, api_port: Number(e.target.value) })}
            onBlur={() => save({ api_port: draft.api_port })}
            aria-label="API port"
          />
        </label>
      </div>
      <div id="api-status">
        <ApiStatusLine status={status} enabled={draft.api_enabled} />
      </div>
      {open && <p className="error">Other computers on your network can reach this address. Every request still needs a key.</p>}
    </div>
  );
}

function ApiStatusLine({ status, enabled }: { status: ApiStatus | null; enabled: boolean }) {
  if (!status) return null;
  switch (status.state) {
    case 'serving':
      return (
        <p data-testid="api-address">
          Serving at <code>{status.origin}/api</code>
        </p>
      );
    case 'failed':
      return (
        <p className="error" data-testid="api-address">
          {status.message}
        </p>
      );
    case 'unmanaged':
      // A browser on `kindred serve`: that server always serves the API itself, on its own address.
      return (
        <p className="muted" data-testid="api-address">
          This window is served by <code>kindred serve</code>, which serves the API at <code>{window.location.origin}/api</code>. {enabled ? 'The desktop app will serve it too.' : ''}
        </p>
      );
    default:
      return enabled ? <p className="muted">Starting…</p> : null;
  }
}

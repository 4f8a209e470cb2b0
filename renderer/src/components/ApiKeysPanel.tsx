import { useState } from 'react';
import type { LibraryId } from '../../../shared/ids.ts';
import { client } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';
import { Confirm } from '../ui/Dialog.tsx';

/** API keys: create (the secret is shown once), see when each was last used, revoke. */
export function ApiKeysPanel() {
  const [bump, setBump] = useState(0);
  const keys = useLoad(() => client.invoke('api_keys.list', { include_revoked: false }), [bump], []);
  const libraries = useLoad(() => client.invoke('libraries.list', {}), [], ['libraries']);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<{ id: Parameters<typeof client.invoke<'api_keys.revoke'>>[1]['key_id']; name: string } | null>(null);
  const [name, setName] = useState('');
  const [library, setLibrary] = useState<LibraryId | ''>('');
  const [secret, setSecret] = useState<string | null>(null);

  const create = () =>
    void attempt(async () => {
      const made = await client.invoke('api_keys.create', { name, ...(library ? { library_id: library } : {}) });
      setSecret(made.secret);
      setCopied(false);
      setName('');
      setBump((b) => b + 1);
    });
  const revoke = (id: Parameters<typeof client.invoke<'api_keys.revoke'>>[1]['key_id'], label: string) =>
    void attempt(async () => {
      await client.invoke('api_keys.revoke', { key_id: id });
      useApp.getState().toast(`Revoked the key “${label}”.`);
      setBump((b) => b + 1);
    });

  return (
    <div className="card settings-block">
      <h2>API keys</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="What the key is for" aria-label="Key name" maxLength={100} />
        <select value={library} onChange={(e) => setLibrary(e.target.value as LibraryId | '')} aria-label="Library the key may use">
          <option value="">Every library</option>
          {libraries.data?.map((l) => (
            <option key={l.id} value={l.id}>
              Only {l.name}
            </option>
          ))}
        </select>
        <button type="submit" className="btn primary" disabled={!name.trim()}>
          Create key
        </button>
      </form>
      {secret && (
        <div className="secret" role="status">
          <p>Copy this key now: it is not shown again. Send it as the <code>X-API-Key</code> header.</p>
          <div className="row">
            <code data-testid="api-secret">{secret}</code>
            <button
              className="btn"
              onClick={() =>
                void (navigator.clipboard?.writeText(secret) ?? Promise.reject(new Error('no clipboard'))).then(
                  () => setCopied(true),
                  () => useApp.getState().toast('Could not copy: select the key and copy it yourself.', { tone: 'error' }),
                )
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            {copied && <span role="status" className="muted">Copied to the clipboard</span>}
            <button className="btn primary" onClick={() => setSecret(null)}>Done</button>
          </div>
        </div>
      )}
      {keys.data && keys.data.length === 0 && <p className="muted">No keys yet.</p>}
      <ul className="key-list">
        {keys.data?.map((k) => (
          <li key={k.id} className="row">
            <strong>{k.name}</strong>
            <code className="muted">{k.prefix}…</code>
            <span className="muted">{k.library_id ? (libraries.data?.find((l) => l.id === k.library_id)?.name ?? 'one library') : 'every library'}</span>
            <span className="muted">{k.last_used_at ? `last used ${new Date(k.last_used_at).toLocaleString()}` : 'never used'}</span>
            <button className="btn danger" onClick={() => setRevoking({ id: k.id, name: k.name })}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <Confirm
        open={revoking !== null}
        title={`Revoke “${revoking?.name}”?`}
        body={<p>Scripts using this key stop working at once. This cannot be undone; you can create a new key.</p>}
        confirm="Revoke key"
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const r = revoking!;
          setRevoking(null);
          revoke(r.id, r.name);
        }}
      />
    </div>
  );
}

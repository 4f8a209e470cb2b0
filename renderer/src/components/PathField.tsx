import { useState } from 'react';
import { bridge } from '../client/client.ts';

/**
 * A folder or file the user names: the desktop app's folder chooser, or a typed absolute path in a
 * browser on the local host. `file` names a file inside the chosen folder (a backup, say).
 */
export function PathField({ label, action, file, onPath }: { label: string; action: string; file?: string; onPath: (path: string) => void }) {
  const [path, setPath] = useState('');
  if (bridge) {
    return (
      <button className="btn" onClick={() => void bridge?.chooseFolders().then((p) => p[0] && onPath(file ? `${p[0]}/${file}` : p[0]))}>
        {action}
      </button>
    );
  }
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); if (path.trim()) onPath(path.trim()); }}>
      <input aria-label={label} placeholder={file ? `/home/me/${file}` : '/home/me/Pictures/export'} value={path} onChange={(e) => setPath(e.target.value)} />
      <button className="btn" type="submit" disabled={!path.trim().startsWith('/')}>{action}</button>
    </form>
  );
}

import { actions } from '../actions.ts';
import { useApp } from '../store.ts';

export function Nav() {
  const view = useApp((s) => s.view.name);
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">Kindred</div>
      {actions.map((a) => (
        <button key={a.id} className={view === a.id.split('.')[1] ? 'active' : ''} onClick={a.perform} title={a.shortcut ? `${a.label} (${a.shortcut})` : a.label}>
          {a.label}
        </button>
      ))}
    </nav>
  );
}

import { runCommand } from '../commands/registry.ts';
import { useUndo } from '../commands/undo.ts';
import { useApp } from '../store.ts';
import { X } from '../ui/Icon.tsx';

export function Toasts() {
  const { toasts, dismiss } = useApp();
  const top = useUndo((s) => s.past.at(-1)?.id);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div className={`toast ${t.tone}`} key={t.id} role={t.tone === 'error' ? 'alert' : undefined}>
          <span>{t.text}</span>
          {t.undoEntry !== undefined && t.undoEntry === top && (
            <button className="btn ghost on-dark" onClick={() => { dismiss(t.id); void runCommand('edit.undo'); }}>
              Undo
            </button>
          )}
          <button className="icon-btn on-dark" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <X aria-hidden size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}

import { useApp } from '../store.ts';
import { attempt } from '../hooks.ts';

export function Toasts() {
  const { toasts, dismiss } = useApp();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div className="toast" key={t.id}>
          <span>{t.text}</span>
          {t.undo && (
            <button onClick={() => { dismiss(t.id); void attempt(async () => t.undo!()); }}>Undo</button>
          )}
          <button aria-label="Dismiss" onClick={() => dismiss(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}

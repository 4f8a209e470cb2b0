import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog on the native <dialog>: focus stays inside, Escape closes, focus returns where it was. */
export function Dialog({ title, open, onClose, children, className = '', onKeyDown }: { title: string; open: boolean; onClose: () => void; children: ReactNode; className?: string; onKeyDown?: (e: React.KeyboardEvent) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className={`dialog ${className}`} aria-label={title} onClose={onClose} onKeyDown={onKeyDown}>
      {open && children}
    </dialog>
  );
}

/** "Revoke the key?": a question with a destructive answer and a way out. */
export function Confirm({ open, title, body, confirm, onConfirm, onCancel }: { open: boolean; title: string; body: ReactNode; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={title} open={open} onClose={onCancel} className="confirm">
      <h2>{title}</h2>
      <div className="muted">{body}</div>
      <div className="row end">
        <button className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button className="btn danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}

import { X } from '../ui/Icon.tsx';

/** The title row of a side panel of the viewer, with its close button. */
export function PanelHeader({ title, closeLabel, onClose }: { title: string; closeLabel: string; onClose(): void }) {
  return (
    <header className="row spread">
      <h2>{title}</h2>
      <button className="icon-btn" aria-label={closeLabel} onClick={onClose}>
        <X aria-hidden size={18} />
      </button>
    </header>
  );
}

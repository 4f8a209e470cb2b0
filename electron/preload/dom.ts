// The little DOM the preload touches, typed structurally so the main tsconfig (no DOM lib) checks
// it too, and so it is tested in plain Node with a fake window.

interface EventLike {
  readonly defaultPrevented: boolean;
  preventDefault(): void;
  readonly dataTransfer?: { readonly types?: ArrayLike<string>; readonly files?: ArrayLike<unknown> } | null;
}

interface ElementLike {
  readonly tagName?: string;
  readonly isContentEditable?: boolean;
  readonly readOnly?: boolean;
  readonly disabled?: boolean;
  readonly type?: string;
}

export interface DomLike {
  addEventListener(type: 'dragover' | 'drop', listener: (e: EventLike) => void): void;
  document: { readonly activeElement: ElementLike | null; execCommand(command: string): boolean };
  setTimeout(fn: () => void, ms: number): unknown;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', '']);

/** A text field, text area or contenteditable has focus (so Undo means the text). */
export function editableHasFocus(dom: Pick<DomLike, 'document'>): boolean {
  const el = dom.document.activeElement;
  if (!el || el.disabled || el.readOnly) return false;
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA') return true;
  return tag === 'INPUT' && TEXT_INPUTS.has((el.type ?? '').toLowerCase());
}

function carriesFiles(e: EventLike): boolean {
  const types = e.dataTransfer?.types;
  return !!types && Array.from(types).includes('Files');
}

/**
 * Lets files be dropped on the window and, when the page did not handle a drop (did not call
 * preventDefault by the time dispatch finished), imports the dropped paths. This listener never
 * calls preventDefault on the drop itself, so "handled" always means "handled by the page"; the
 * browser's default (opening the file) is off anyway (navigateOnDragDrop: false, will-navigate).
 */
export function addDropFallback(dom: DomLike, toPaths: (files: unknown[]) => string[], importPaths: (paths: string[]) => void): void {
  dom.addEventListener('dragover', (e) => {
    if (carriesFiles(e)) e.preventDefault();
  });
  dom.addEventListener('drop', (e) => {
    if (!carriesFiles(e)) return;
    // Paths can only be read during dispatch; whether the page took the drop is known after it.
    const paths = toPaths(Array.from(e.dataTransfer?.files ?? []));
    dom.setTimeout(() => {
      if (!e.defaultPrevented && paths.length > 0) importPaths(paths);
    }, 0);
  });
}

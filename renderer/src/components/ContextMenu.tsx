import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { findCommand, isEnabled, keyLabel, type Command } from '../commands/registry.ts';
import { isMac } from '../ui/platform.ts';

// A context menu lists commands — the registry's own (by id) or commands about the item under the
// pointer — so a right-click, a key and a test all do the same thing. Opened with the pointer, or
// from the keyboard (Shift+F10 or the context-menu key) on the focused item.

type Item = Command | 'separator';
interface MenuState {
  open: { x: number; y: number; label: string; items: Item[]; returnFocus: HTMLElement | null } | null;
}
const useMenu = create<MenuState>(() => ({ open: null }));

export function openContextMenu(at: { x: number; y: number }, label: string, items: Array<Item | string>): void {
  const resolved = items.map((i) => (typeof i === 'string' && i !== 'separator' ? findCommand(i) : i)).filter((i): i is Item => !!i);
  useMenu.setState({ open: { ...at, label, items: resolved, returnFocus: document.activeElement as HTMLElement | null } });
}

/** onContextMenu / onKeyDown props that open a menu for an element. */
export function contextMenuProps(label: string, items: () => Array<Item | string>) {
  return {
    onContextMenu: (e: React.MouseEvent) => {
      e.preventDefault();
      openContextMenu({ x: e.clientX, y: e.clientY }, label, items());
    },
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
        e.preventDefault();
        const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
        openContextMenu({ x: r.left + r.width / 2, y: r.top + r.height / 2 }, label, items());
      }
    },
  };
}

export function ContextMenu() {
  const open = useMenu((s) => s.open);
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x: 0, y: 0 });
  const close = (refocus = true) => {
    const back = useMenu.getState().open?.returnFocus;
    useMenu.setState({ open: null });
    if (refocus) back?.focus?.();
  };
  useLayoutEffect(() => {
    if (!open || !menu.current) return;
    const r = menu.current.getBoundingClientRect();
    setPos({ x: Math.min(open.x, window.innerWidth - r.width - 8), y: Math.min(open.y, window.innerHeight - r.height - 8) });
    menu.current.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => !menu.current?.contains(e.target as Node) && close(false);
    window.addEventListener('pointerdown', away, true);
    window.addEventListener('blur', () => close(false), { once: true });
    return () => window.removeEventListener('pointerdown', away, true);
  }, [open]);
  if (!open) return null;
  const onKey = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move = (d: number) => items[(i + d + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items.at(-1)?.focus();
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div ref={menu} className="context-menu" role="menu" aria-label={open.label} style={{ left: pos.x, top: pos.y }} onKeyDown={onKey}>
      {open.items.map((item, i) =>
        item === 'separator' ? (
          <div key={i} role="separator" className="menu-sep" />
        ) : (
          <button
            key={item.id}
            role="menuitem"
            className="menu-item"
            aria-disabled={!isEnabled(item) || undefined}
            onClick={() => {
              if (!isEnabled(item)) return;
              close();
              void item.perform();
            }}
          >
            <span>{item.label}</span>
            {item.keys?.[0] && <kbd>{keyLabel(item.keys[0], isMac)}</kbd>}
          </button>
        ),
      )}
    </div>
  );
}

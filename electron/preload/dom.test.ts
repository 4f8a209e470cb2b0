import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDropFallback, editableHasFocus, type DomLike } from './dom.ts';

type Listener = (e: FakeEvent) => void;
class FakeEvent {
  defaultPrevented = false;
  readonly dataTransfer: { types: string[]; files: unknown[] } | null;
  constructor(dataTransfer: { types: string[]; files: unknown[] } | null) {
    this.dataTransfer = dataTransfer;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

function fakeDom(active: object | null = null) {
  const listeners: Record<string, Listener[]> = {};
  const timers: Array<() => void> = [];
  const dom: DomLike & { dispatch(type: string, e: FakeEvent, pageHandles?: boolean): void; flush(): void; commands: string[] } = {
    commands: [],
    addEventListener: (type, l) => void (listeners[type] ??= []).push(l as Listener),
    document: { activeElement: active, execCommand: (c) => (dom.commands.push(c), true) },
    setTimeout: (fn) => timers.push(fn),
    dispatch(type, e, pageHandles = false) {
      for (const l of listeners[type] ?? []) l(e);
      if (pageHandles) e.preventDefault(); // a page listener that runs after ours
    },
    flush: () => timers.splice(0).forEach((f) => f()),
  };
  return dom;
}

test('a drop the page did not handle imports the dropped paths', () => {
  const dom = fakeDom();
  const imported: string[][] = [];
  addDropFallback(dom, (files) => files.map((f) => `/photos/${String(f)}`), (p) => imported.push(p));
  const over = new FakeEvent({ types: ['Files'], files: [] });
  dom.dispatch('dragover', over);
  assert.ok(over.defaultPrevented, 'dragover with files is accepted so drop can fire');
  const drop = new FakeEvent({ types: ['Files'], files: ['2024', 'summer'] });
  dom.dispatch('drop', drop);
  assert.equal(drop.defaultPrevented, false, 'the fallback itself never claims the drop');
  dom.flush();
  assert.deepEqual(imported, [['/photos/2024', '/photos/summer']]);
});

test('a drop the page handled (even from a later listener) is left to the page', () => {
  const dom = fakeDom();
  const imported: string[][] = [];
  addDropFallback(dom, (files) => files.map(String), (p) => imported.push(p));
  dom.dispatch('drop', new FakeEvent({ types: ['Files'], files: ['a'] }), true);
  dom.flush();
  assert.deepEqual(imported, []);
});

test('text drags and drops without paths do nothing', () => {
  const dom = fakeDom();
  const imported: string[][] = [];
  addDropFallback(dom, () => [], (p) => imported.push(p));
  const over = new FakeEvent({ types: ['text/plain'], files: [] });
  dom.dispatch('dragover', over);
  assert.equal(over.defaultPrevented, false);
  dom.dispatch('drop', new FakeEvent({ types: ['Files'], files: ['not-on-disk'] }));
  dom.flush();
  assert.deepEqual(imported, []);
});

test('undo goes to the text field only when an editable element has focus', () => {
  assert.ok(editableHasFocus(fakeDom({ tagName: 'INPUT', type: 'text' })));
  assert.ok(editableHasFocus(fakeDom({ tagName: 'input', type: '' })));
  assert.ok(editableHasFocus(fakeDom({ tagName: 'TEXTAREA' })));
  assert.ok(editableHasFocus(fakeDom({ tagName: 'DIV', isContentEditable: true })));
  assert.ok(!editableHasFocus(fakeDom({ tagName: 'INPUT', type: 'checkbox' })));
  assert.ok(!editableHasFocus(fakeDom({ tagName: 'INPUT', type: 'text', readOnly: true })));
  assert.ok(!editableHasFocus(fakeDom({ tagName: 'BUTTON' })));
  assert.ok(!editableHasFocus(fakeDom(null)));
});

// The renderer's plain logic, in Node: the command registry and its keys, the menu bridge, undo and
// redo, hash routes, the timeline's geometry, the viewer's zoom and its labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandForKey, keyOf, registerCommands, runCommand, allCommands } from '../../../renderer/src/commands/registry.ts';
import { installMenu } from '../../../renderer/src/commands/dispatcher.ts';
import { GLOBAL_COMMANDS } from '../../../renderer/src/commands/global.ts';
import { perform, useUndo } from '../../../renderer/src/commands/undo.ts';
import { formatRoute, parseHash, type Route } from '../../../renderer/src/router.ts';
import { gridMetrics, layoutTimeline, monthAt, rowAt, rowOfIndex } from '../../../renderer/src/library/layout.ts';
import { placeLabels } from '../../../renderer/src/viewer/labels.ts';
import { clampZoom, fitted, viewOf, zoomAt } from '../../../renderer/src/viewer/zoom.ts';
import { imageSize } from '../../../shared/geometry.ts';
import type { MenuCommand } from '../../../shared/bridge.ts';

const ev = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

test('keys are named one way on every platform; the latest registration of a key wins while it is mounted', async () => {
  assert.equal(keyOf(ev('z', { ctrlKey: true })), 'Mod+z');
  assert.equal(keyOf(ev('Z', { metaKey: true, shiftKey: true })), 'Shift+Mod+z');
  assert.equal(keyOf(ev('?', { shiftKey: true })), '?');
  assert.equal(keyOf(ev('ArrowLeft', { shiftKey: true })), 'Shift+ArrowLeft');
  assert.equal(keyOf(ev(' ')), 'Space');
  const ran: string[] = [];
  const offGrid = registerCommands([{ id: 'grid.left', label: 'Left', group: 'Library', keys: ['ArrowLeft'], perform: () => ran.push('grid') }]);
  const offViewer = registerCommands([{ id: 'viewer.previous', label: 'Previous', group: 'Viewer', keys: ['ArrowLeft'], perform: () => ran.push('viewer') }]);
  assert.equal(commandForKey('ArrowLeft')?.id, 'viewer.previous');
  offViewer();
  assert.equal(commandForKey('ArrowLeft')?.id, 'grid.left');
  assert.equal(await runCommand('grid.left'), true);
  offGrid();
  assert.equal(await runCommand('grid.left'), false, 'gone once unmounted');
  assert.deepEqual(ran, ['grid']);
});

test('undo and redo run through the registry, from a key, from the Edit menu of the desktop app, or from a test', async () => {
  const off = registerCommands(GLOBAL_COMMANDS);
  let value = 0;
  await perform({ label: 'Set to 1', run: async () => (value = 1), undo: async () => (value = 0) });
  assert.equal(allCommands().find((c) => c.id === 'edit.undo')?.label, 'Undo Set to 1');
  assert.equal(commandForKey('Mod+z')?.id, 'edit.undo');
  // The desktop menu: the preload's onMenu listener runs the same command.
  let listener: ((c: MenuCommand) => void) | null = null;
  const offMenu = installMenu({ onMenu: (l) => ((listener = l), () => (listener = null)) });
  listener!('undo');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(value, 0, 'Edit › Undo undid it');
  assert.equal(useUndo.getState().future.length, 1);
  assert.equal(await runCommand('edit.redo'), true);
  assert.equal(value, 1, 'redone');
  assert.deepEqual(allCommands().find((c) => c.id === 'edit.redo')?.keys, ['Shift+Mod+z', 'Mod+y']);
  offMenu();
  assert.equal(listener, null);
  off();
});

test('a Ctrl+Z pressed while a slow redo still runs undoes it once the redo is done; a failed step is dropped', async () => {
  const off = registerCommands(GLOBAL_COMMANDS);
  useUndo.setState({ past: [], future: [] });
  const log: string[] = [];
  let release!: () => void;
  await perform({
    label: 'Slow',
    run: async () => log.push('do'),
    undo: async () => log.push('undo'),
    redo: () => new Promise<void>((r) => (release = () => (log.push('redo'), r()))),
  });
  await runCommand('edit.undo');
  const redone = runCommand('edit.redo');
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(allCommands().find((c) => c.id === 'edit.undo')?.enabled?.(), true, 'undo is offered while the redo runs');
  const undone = runCommand('edit.undo');
  release();
  await Promise.all([redone, undone]);
  assert.deepEqual(log, ['do', 'undo', 'redo', 'undo']);
  assert.deepEqual([useUndo.getState().past.length, useUndo.getState().future.length], [0, 1]);
  await perform({ label: 'Breaks', run: async () => 1, undo: async () => Promise.reject(new Error('gone')) });
  await runCommand('edit.undo');
  assert.deepEqual([useUndo.getState().past.length, useUndo.getState().future.length], [0, 0], 'a step that failed is on neither stack');
  off();
});

test('every view has a hash route that reads back as the same view, filters and open photo', () => {
  const routes: Route[] = [
    { name: 'library', people: [], photo: null },
    { name: 'library', people: ['person_0123456789ab', 'person_ba9876543210'], photo: 'asset_0123456789ab' },
    { name: 'library', people: [], photo: 'asset_0123456789ab', hidden: true },
    { name: 'people', q: 'Ann', sort: 'recent', hidden: true },
    { name: 'person', id: 'person_0123456789ab', tab: 'faces', photo: 'asset_0123456789ab' },
    { name: 'review' },
    { name: 'import' },
    { name: 'settings' },
    { name: 'missing' },
  ];
  for (const r of routes) assert.deepEqual(parseHash(formatRoute(r)), r, formatRoute(r));
  assert.deepEqual(parseHash('#/person/../../etc'), { name: 'library', people: [], photo: null }, 'garbage falls back to the library');
  assert.deepEqual(parseHash('#/library?people=face_0123456789ab&photo=/etc/passwd'), { name: 'library', people: [], photo: null });
});

test('the timeline lays out month and day headers and rows that fill the width; lookups are by binary search', () => {
  const { cols, tile, gap } = gridMetrics(1000, 176, 4);
  assert.equal(cols, 5);
  assert.ok(Math.abs(cols * tile + (cols - 1) * gap - 1000) < 1e-6, 'the row fills the width exactly');
  const days = [
    { day: '2024-05-03', count: 7 },
    { day: '2024-05-01', count: 1 },
    { day: '2024-04-30', count: 12 },
  ];
  const l = layoutTimeline(days, 1000);
  assert.deepEqual(l.rows.map((r) => r.kind), ['month', 'day', 'tiles', 'tiles', 'day', 'tiles', 'month', 'day', 'tiles', 'tiles', 'tiles']);
  assert.equal(l.total, 20);
  assert.equal(l.months.length, 2);
  assert.equal(rowOfIndex(l, 0), 2);
  assert.equal(rowOfIndex(l, 6), 3);
  assert.equal(rowOfIndex(l, 7), 5);
  assert.equal(rowOfIndex(l, 19), 10);
  assert.equal(rowAt(l, l.rows[5]!.top + 1), 5);
  assert.equal(monthAt(l, l.rows[7]!.top)?.month, '2024-04');
  // 100k photos over ~1,400 days: laid out in well under a frame's time budget of a resize.
  const many = Array.from({ length: 1400 }, (_, i) => ({ day: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString().slice(0, 10), count: 1 + ((i * 37) % 140) }));
  const t0 = performance.now();
  const big = layoutTimeline(many, 1600);
  assert.ok(big.total > 90_000);
  assert.ok(performance.now() - t0 < 200);
});

test('face labels never overlap, even for small faces side by side', () => {
  const boxes = [0, 1, 2, 3].map((i) => ({ x: 20 + i * 40, y: 50, w: 30, h: 30 }));
  const labels = placeLabels(boxes, boxes.map(() => ({ w: 90, h: 20 })), { width: 600, height: 400 });
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      const overlap = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
      assert.equal(overlap, 0, `labels ${i} and ${j}`);
    }
});

test('zoom keeps the point under the pointer still and the photo on screen', () => {
  const img = imageSize({ width: 3000, height: 4000 });
  const stage = { width: 1000, height: 800 };
  const z0 = fitted(img);
  const v0 = viewOf(z0, img, stage);
  assert.ok(Math.abs(v0.scale - 0.2) < 1e-9, 'fit: the whole photo, as large as the stage allows');
  const z1 = zoomAt(z0, 3, 600, 300, img, stage);
  const v1 = viewOf(z1, img, stage);
  const before = { x: (600 - v0.originX) / v0.scale, y: (300 - v0.originY) / v0.scale };
  const after = { x: (600 - v1.originX) / v1.scale, y: (300 - v1.originY) / v1.scale };
  assert.ok(Math.abs(before.x - after.x) < 1e-6 && Math.abs(before.y - after.y) < 1e-6);
  const far = clampZoom({ zoom: 3, cx: -5000, cy: 99999 }, img, stage);
  const v2 = viewOf(far, img, stage);
  assert.ok(v2.originX <= 0 && v2.originY + img.height * v2.scale >= stage.height - 1e-6, 'panned no further than the photo’s edge');
});

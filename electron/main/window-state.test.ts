import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_WINDOW, fitToDisplays, loadWindowState, MIN_SIZE, saveWindowState } from './window-state.ts';

const dir = mkdtempSync(join(tmpdir(), 'kindred-winstate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SCREEN = { x: 0, y: 0, width: 1920, height: 1050 };

test('saves and loads; a missing or broken file gives the default', () => {
  const file = join(dir, 'window-state.json');
  assert.deepEqual(loadWindowState(file), DEFAULT_WINDOW);
  saveWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true, fullScreen: false });
  assert.deepEqual(loadWindowState(file), { x: 100, y: 80, width: 1400, height: 900, maximized: true, fullScreen: false });
  writeFileSync(file, '{"width": "huge"}');
  assert.deepEqual(loadWindowState(file), DEFAULT_WINDOW);
  writeFileSync(file, 'not json');
  assert.deepEqual(loadWindowState(file), DEFAULT_WINDOW);
});

test('keeps a position that is on a screen', () => {
  const s = fitToDisplays({ x: 100, y: 80, width: 1400, height: 900, maximized: false, fullScreen: false }, [SCREEN]);
  assert.deepEqual(s, { x: 100, y: 80, width: 1400, height: 900, maximized: false, fullScreen: false });
});

test('drops a position on a screen that is gone, and shrinks to the largest screen', () => {
  const s = fitToDisplays({ x: 2500, y: 100, width: 2400, height: 1400, maximized: false, fullScreen: false }, [SCREEN]);
  assert.equal(s.x, undefined);
  assert.equal(s.y, undefined);
  assert.equal(s.width, 1920);
  assert.equal(s.height, 1050);
});

test('keeps a position on a second screen, and never goes below the minimum size', () => {
  const left = { x: -1280, y: 0, width: 1280, height: 1024 };
  const s = fitToDisplays({ x: -1200, y: 40, width: 300, height: 200, maximized: false, fullScreen: false }, [SCREEN, left]);
  assert.equal(s.x, -1200);
  assert.equal(s.width, MIN_SIZE.width);
  assert.equal(s.height, MIN_SIZE.height);
});

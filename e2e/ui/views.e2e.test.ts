// Every view at 1024×700, 1440×900 and 1920×1080, light and dark: it has an address, survives a
// reload, Back and Forward walk the same views again, axe finds no serious or critical problem, and
// a screenshot of each is saved to e2e/artifacts. Then the whole app with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { GROUP, PORTRAIT } from './support/catalogue.ts';
import { browserUnavailable } from './support/paths.ts';
import { VIEWPORTS, axeProblems, fileSession, shot, type Scheme } from './support/session.ts';

const skip = browserUnavailable();
const opts = { skip: skip ?? false };
let stops: Array<{ name: string; hash: string; ready: string }>;
const s = fileSession(async (s) => {
  const assets = (await s.core.invoke('assets.list', { limit: 500 })).items;
  const portrait = assets.find((a) => a.file_name === PORTRAIT)!;
  const person = (await s.core.invoke('people.list', {})).items[0]!;
  await s.core.invoke('people.update', { person_id: person.id, name: 'Tour Person', birth_date: '1990-05-01' });
  // Something to review: a face taken out of its person.
  const other = (await s.core.invoke('people.list', {})).items.find((p) => p.id !== person.id && p.face_count > 2)!;
  await s.core.invoke('faces.detach', { face_ids: [(await s.core.invoke('faces.list', { person_id: other.id, limit: 1 })).items[0]!.id] });
  // A hidden photo, for the Hidden photos view.
  await s.core.invoke('assets.hide', { asset_ids: [assets.find((a) => a.file_name === GROUP)!.id] });
  stops = [
    { name: 'library', hash: '#/library', ready: '.tile img' },
    { name: 'viewer', hash: `#/library?photo=${portrait.id}`, ready: '[data-testid="photo-preview"]' },
    { name: 'hidden', hash: '#/library?hidden=1', ready: '.tile img' },
    { name: 'people', hash: '#/people', ready: '.person-card' },
    { name: 'person', hash: `#/person/${person.id}`, ready: '.tile img' },
    { name: 'person-faces', hash: `#/person/${person.id}?tab=faces`, ready: '.face-grid img' },
    { name: 'review', hash: '#/review', ready: '[data-testid="review-question"]' },
    { name: 'import', hash: '#/import', ready: 'input[aria-label="Folder path"]' },
    { name: 'missing', hash: '#/missing', ready: '#missing-title' },
    { name: 'settings', hash: '#/settings', ready: '[data-testid="api-enabled"]' },
  ];
});

const hashOf = (page: Page) => new URL(page.url()).hash;

for (const viewport of VIEWPORTS) {
  for (const scheme of ['light', 'dark'] as Scheme[]) {
    test(`every view at ${viewport.width}×${viewport.height}, ${scheme}: address, reload, Back/Forward, axe`, opts, async () => {
      const page = await s.open({ viewport, scheme });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      for (const stop of stops) {
        await page.evaluate((h) => (location.hash = h), stop.hash);
        await page.locator(stop.ready).first().waitFor();
        assert.equal(hashOf(page), stop.hash, `${stop.name} has its own address`);
        await page.reload();
        await page.locator(stop.ready).first().waitFor();
        assert.equal(hashOf(page), stop.hash, `${stop.name} survives a reload`);
        await page.waitForTimeout(150);
        await shot(page, `view-${stop.name}-${viewport.width}-${scheme}`);
        assert.deepEqual(await axeProblems(page), [], `axe on ${stop.name} at ${viewport.width} (${scheme})`);
      }
      // Back walks the same views in reverse, Forward again.
      for (let i = stops.length - 2; i >= 0; i--) {
        await page.goBack();
        await page.locator(stops[i]!.ready).first().waitFor();
        assert.equal(hashOf(page), stops[i]!.hash, `Back to ${stops[i]!.name}`);
      }
      for (let i = 1; i < stops.length; i++) {
        await page.goForward();
        await page.locator(stops[i]!.ready).first().waitFor();
        assert.equal(hashOf(page), stops[i]!.hash, `Forward to ${stops[i]!.name}`);
      }
      // The shortcut overlay, drawn over a view.
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shot(page, `view-shortcuts-${viewport.width}-${scheme}`);
      assert.deepEqual(await axeProblems(page), [], `axe on the shortcut overlay at ${viewport.width} (${scheme})`);
      await page.keyboard.press('Escape');
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }
}

test('scroll position comes back after a reload and after Back from the viewer', opts, async () => {
  const page = await s.open({ viewport: { width: 1024, height: 700 } });
  const grid = page.getByTestId('library-grid');
  await page.locator('.tile img').first().waitFor();
  await grid.evaluate((el) => (el.scrollTop = 900));
  await page.waitForTimeout(400);
  const y = await grid.evaluate((el) => el.scrollTop);
  assert.ok(y > 500, `scrolled to ${y}`);
  await page.reload();
  await page.locator('.tile img').first().waitFor();
  await page.waitForFunction((want) => Math.abs((document.querySelector('[data-testid="library-grid"]')?.scrollTop ?? 0) - want) < 2, y);
  await page.locator('.tile-open').nth(3).click();
  await page.getByTestId('photo-preview').waitFor();
  await page.reload();
  await page.getByTestId('photo-preview').waitFor();
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('.viewer'));
  assert.ok(Math.abs((await grid.evaluate((el) => el.scrollTop)) - y) < 2, 'the grid is where it was');
  await page.context().close();
});

test('the keyboard alone: grid, viewer, people, a person, a context menu, the shortcut overlay', opts, async () => {
  const page = await s.open({ viewport: { width: 1440, height: 900 } });
  await page.locator('.tile img').first().waitFor();
  // Tab from the top of the page to the grid's first photo.
  let onTile = false;
  for (let i = 0; i < 20 && !onTile; i++) {
    await page.keyboard.press('Tab');
    onTile = await page.evaluate(() => document.activeElement?.classList.contains('tile-open') ?? false);
  }
  assert.ok(onTile, 'a photo in the grid can be reached with Tab');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => (document.activeElement as HTMLElement).dataset.index === '1');
  // Space selects, Shift+F10 opens the context menu, arrows and Escape work inside it.
  await page.keyboard.press(' ');
  await page.locator('.selection-bar').waitFor();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await menu.waitFor();
  await page.keyboard.press('ArrowDown');
  await shot(page, 'keyboard-context-menu');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await page.locator('.selection-bar').waitFor({ state: 'detached' });
  // Enter opens the photo, → goes to the next, Escape comes back.
  await page.locator('.tile-open[data-index="1"]').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('photo-preview').waitFor();
  const first = hashOf(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((h) => location.hash !== h, first);
  await page.keyboard.press('i');
  await page.getByRole('complementary', { name: 'Photo info' }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.viewer'));
  // "2" goes to People; Tab reaches a person; Enter opens them; Escape goes back.
  await page.keyboard.press('2');
  await page.waitForURL(/#\/people/);
  await page.locator('.person-card').first().waitFor();
  let onPerson = false;
  for (let i = 0; i < 30 && !onPerson; i++) {
    await page.keyboard.press('Tab');
    onPerson = await page.evaluate(() => document.activeElement?.classList.contains('face-button') ?? false);
  }
  assert.ok(onPerson);
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/person\//);
  await page.locator('.tabs').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForURL(/#\/people/);
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await overlay.getByText('Undo').first().waitFor();
  await page.keyboard.press('Escape');
  await overlay.waitFor({ state: 'hidden' });
  await page.context().close();
});

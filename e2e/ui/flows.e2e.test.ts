// What users of Apple Photos, Google Photos and Immich take for granted, flow by flow: the viewer's
// zoom, keys, info and slideshow; the timeline and its scrubber; selecting many photos and acting on
// them; context menus; people sorted and named from their cards; a person's photos with their age;
// undo and redo of all of it; the library switcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PORTRAIT, SECOND_LIBRARY } from './support/catalogue.ts';
import { browserUnavailable } from './support/paths.ts';
import { fileSession, shot } from './support/session.ts';

const skip = browserUnavailable();
const opts = { skip: skip ?? false };
const s = fileSession();

const hashOf = (page: Page) => new URL(page.url()).hash;
const until = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting until ${what}`);
};

test('viewer: next/previous with the arrows, zoom with keys, wheel and double-click, info panel, slideshow', opts, async () => {
  const portrait = (await s.core.invoke('assets.list', { limit: 500 })).items.find((a) => a.file_name === PORTRAIT)!;
  const page = await s.open({ viewport: { width: 1920, height: 1080 }, scheme: 'dark', hash: `#/library?photo=${portrait.id}` });
  const photo = page.getByTestId('photo-preview');
  await photo.waitFor();
  await page.waitForTimeout(200);
  const fit = (await photo.boundingBox())!;
  await page.keyboard.press('+');
  await until(async () => (await photo.boundingBox())!.height > fit.height * 1.4, 'the + key zooms in');
  await page.keyboard.press('0');
  await until(async () => Math.abs((await photo.boundingBox())!.height - fit.height) < 1, '0 fits again');
  const stage = (await page.getByTestId('photo-stage').boundingBox())!;
  await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 3);
  await page.mouse.wheel(0, -400);
  await until(async () => (await photo.boundingBox())!.height > fit.height * 1.2, 'the wheel zooms in');
  await page.mouse.dblclick(stage.x + 30, stage.y + 30);
  await until(async () => Math.abs((await photo.boundingBox())!.height - fit.height) < 1, 'a double-click when zoomed fits');
  await page.mouse.dblclick(stage.x + 40, stage.y + 40);
  await until(async () => (await photo.boundingBox())!.height > fit.height * 1.5, 'a double-click zooms in at the pointer');
  await shot(page, 'flow-viewer-zoomed-1920-dark');
  await page.keyboard.press('0');
  // Info: the file, its size, the people in it.
  await page.keyboard.press('i');
  const info = page.getByRole('complementary', { name: 'Photo info' });
  await info.getByText('3000 × 4000').waitFor();
  await shot(page, 'flow-viewer-info-1920-dark');
  // Next and previous stay within what the grid showed.
  const here = hashOf(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((h) => location.hash !== h, here);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((h) => location.hash === h, here);
  // The slideshow moves on by itself and stops with Escape.
  await page.keyboard.press('s');
  await page.waitForFunction((h) => location.hash !== h, here, { timeout: 8000 });
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('.viewer:not(.playing)').count(), 'Escape stops the slideshow first');
  await page.context().close();
});

test('timeline: month and day headers, a scrubber that jumps by month with the keyboard', opts, async () => {
  const page = await s.open({ viewport: { width: 1024, height: 700 } });
  await page.locator('.month-header').first().waitFor();
  const months = await page.locator('.month-header').count();
  assert.ok(months >= 2);
  const scrubber = page.getByRole('slider', { name: 'Jump to a date' });
  const grid = page.getByTestId('library-grid');
  const before = await scrubber.getAttribute('aria-valuetext');
  await scrubber.focus();
  await page.keyboard.press('PageDown');
  await until(async () => (await grid.evaluate((el) => el.scrollTop)) > 0, 'PageDown on the scrubber scrolls a year');
  await until(async () => (await scrubber.getAttribute('aria-valuetext')) !== before, 'the scrubber says which month is shown');
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 4);
  await until(async () => (await grid.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 300)), 'a click near the bottom jumps to the oldest photos');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.scrubber-bubble').waitFor();
  await shot(page, 'flow-timeline-scrubber-1024');
  await page.context().close();
});

test('select many photos (click, shift-click, drag), add a person to them, undo and redo it', opts, async () => {
  const lib = (await s.core.invoke('libraries.list', {})).find((l) => l.name !== SECOND_LIBRARY)!;
  const target = (await s.core.invoke('people.list', { library_id: lib.id })).items[0]!;
  await s.core.invoke('people.update', { person_id: target.id, name: 'Bulk Person' });
  const page = await s.open({ viewport: { width: 1440, height: 900 } });
  await page.getByRole('combobox', { name: 'Library', exact: true }).selectOption({ label: lib.name });
  await page.locator('.tile img').first().waitFor();
  const tiles = page.locator('.tile');
  await tiles.nth(0).hover();
  await tiles.nth(0).locator('.tile-check').click();
  await tiles.nth(3).locator('.tile-open').click({ modifiers: ['Shift'] });
  await page.locator('.selection-bar', { hasText: '4 photos selected' }).waitFor();
  // Dragging across the check marks extends the selection.
  const c4 = (await tiles.nth(4).locator('.tile-check').boundingBox())!;
  const c5 = (await tiles.nth(5).boundingBox())!;
  await page.mouse.move(c4.x + 5, c4.y + 5);
  await page.mouse.down();
  await page.mouse.move(c5.x + c5.width / 2, c5.y + c5.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.locator('.selection-bar', { hasText: /[56] photos selected/ }).waitFor();
  await shot(page, 'flow-selection-1440');
  const selected = await page.locator('.tile.selected .tile-open').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const assets = (await s.core.invoke('assets.list', { library_id: lib.id, limit: 500 })).items.filter((a) => selected.includes(a.file_name));
  const facesBefore = await Promise.all(assets.map(async (a) => (await s.core.invoke('faces.list', { asset_id: a.id })).items));
  await page.getByRole('button', { name: 'Add person…' }).click();
  const picker = page.getByRole('dialog', { name: 'Who is in these photos?' });
  await picker.getByRole('combobox').fill('Bulk');
  await picker.getByRole('option', { name: /Bulk Person/ }).click();
  await page.locator('.toast', { hasText: /Added Bulk Person to/ }).waitFor();
  const withPerson = async () => (await Promise.all(assets.map(async (a) => (await s.core.invoke('faces.list', { asset_id: a.id })).items.some((f) => f.person_id === target.id)))).filter(Boolean).length;
  const had = facesBefore.filter((fs) => fs.some((f) => f.person_id === target.id)).length;
  assert.ok((await withPerson()) > had, 'the person is in more of the photos');
  // Ctrl+Z puts every face back where it was; Shift+Ctrl+Z does it again.
  await page.keyboard.press('Control+z');
  await until(async () => (await withPerson()) === had, 'undo restores the photos');
  for (const [i, a] of assets.entries()) {
    const now = (await s.core.invoke('faces.list', { asset_id: a.id })).items;
    assert.deepEqual(now.map((f) => [f.id, f.person_id, f.assignment]), facesBefore[i]!.map((f) => [f.id, f.person_id, f.assignment]), `faces of ${a.file_name} as they were`);
  }
  await page.keyboard.press('Control+Shift+z');
  await until(async () => (await withPerson()) > had, 'redo adds the person again');
  await page.keyboard.press('Control+z');
  await until(async () => (await withPerson()) === had, 'and undo once more');
  await s.core.invoke('people.update', { person_id: target.id, name: null });
  await page.context().close();
});

test('context menus: right-click a photo or a person for what can be done with it', opts, async () => {
  const page = await s.open({ viewport: { width: 1440, height: 900 } });
  await page.locator('.tile-open').first().click({ button: 'right' });
  const menu = page.getByRole('menu');
  await menu.getByRole('menuitem', { name: /Add a person to the selected photos/ }).waitFor();
  await shot(page, 'flow-context-menu-photo');
  await menu.getByRole('menuitem', { name: 'Open' }).click();
  await page.getByTestId('photo-preview').waitFor();
  await page.keyboard.press('Escape');
  await page.goto(`${s.origin}/#/people`);
  await page.locator('.face-button').first().click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Add to favourites' }).click();
  await page.locator('.toast', { hasText: 'Favourited' }).waitFor();
  await page.locator('h2', { hasText: 'Favourites' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('h2', { hasText: 'Favourites' }).waitFor({ state: 'detached' });
  await page.context().close();
});

test('people: sort by photos, name or recently seen; name from the card; an existing name offers a merge', opts, async () => {
  const page = await s.open({ hash: '#/people' });
  // One library: a name can only clash with someone in the same library.
  const lib = (await s.core.invoke('libraries.list', {})).find((l) => l.name !== SECOND_LIBRARY)!;
  await page.getByRole('combobox', { name: 'Library', exact: true }).selectOption({ label: lib.name });
  await page.locator('.person-card').first().waitFor();
  /** Name the first unnamed card by typing on it; returns its place among the cards. */
  const nameCard = async (name: string) => {
    const i = await page.locator('.person-card').evaluateAll((cards) => cards.findIndex((c) => [...c.querySelectorAll('button')].some((b) => b.textContent === 'Add a name')));
    const card = page.locator('.person-card').nth(i);
    await card.getByRole('button', { name: 'Add a name' }).click();
    await card.getByRole('textbox').fill(name);
    await card.getByRole('textbox').press('Enter');
  };
  await nameCard('Zed Cardname');
  await page.locator('.person-card', { hasText: 'Zed Cardname' }).waitFor();
  await nameCard('Abe Cardname');
  await page.locator('.person-card', { hasText: 'Abe Cardname' }).waitFor();
  await page.getByLabel('Sort people').selectOption('name');
  await page.waitForURL(/sort=name/);
  const names = async () => (await page.locator('.person-card .name').allTextContents()).filter((n) => n.endsWith('Cardname'));
  await until(async () => (await names()).join() === 'Abe Cardname,Zed Cardname', 'sorted by name');
  await page.getByLabel('Sort people').selectOption('recent');
  await page.waitForURL(/sort=recent/);
  await page.reload();
  assert.equal(await page.getByLabel('Sort people').inputValue(), 'recent', 'the sort survives a reload');
  // Typing a name another person has: "Merge with …?" instead of a silent duplicate.
  await nameCard('abe cardname');
  const ask = page.getByRole('dialog', { name: 'Merge with Abe Cardname?' });
  await ask.waitFor();
  await shot(page, 'flow-people-merge-offer');
  await ask.getByRole('button', { name: 'Merge with Abe Cardname' }).click();
  await page.locator('.toast', { hasText: /Merged 2 people into Abe Cardname/ }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('.toast', { hasText: /Undone: Merged/ }).waitFor();
  // (The reload above started a new undo history: the names stay; the merge was undone.)
  assert.equal((await s.core.invoke('people.list', { query: 'Cardname' })).total, 2);
  for (const p of (await s.core.invoke('people.list', { query: 'Cardname' })).items) await s.core.invoke('people.update', { person_id: p.id, name: null });
  await page.context().close();
});

test('person page: their photos as a timeline with their age, their faces best first', opts, async () => {
  const person = (await s.core.invoke('people.list', {})).items.find((p) => p.asset_count >= 4)!;
  await s.core.invoke('people.update', { person_id: person.id, name: 'Aged Person', birth_date: '2015-06-01' });
  const page = await s.open({ viewport: { width: 1440, height: 900 }, hash: `#/person/${person.id}` });
  await page.locator('.day-header', { hasText: /· age \d+/ }).first().waitFor();
  const total = (await s.core.invoke('assets.timeline', { person_ids: [person.id] })).total;
  await page.locator('.person .view-header', { hasText: `${total} photos` }).waitFor();
  await shot(page, 'flow-person-timeline-1440');
  await page.getByRole('tab', { name: 'Faces' }).click();
  await page.waitForURL(/tab=faces/);
  await page.locator('.face-grid img').first().waitFor();
  await shot(page, 'flow-person-faces-1440');
  await s.core.invoke('people.update', { person_id: person.id, name: null, birth_date: null });
  await page.context().close();
});

test('the library switcher shows one library at a time; the choice is remembered', opts, async () => {
  const page = await s.open();
  await page.getByTestId('photo-count').filter({ hasText: /\d/ }).waitFor();
  const all = (await s.core.invoke('assets.list', {})).total;
  await page.getByTestId('photo-count').filter({ hasText: `${all} photos` }).waitFor();
  await page.getByRole('combobox', { name: 'Library', exact: true }).selectOption({ label: SECOND_LIBRARY });
  const family = (await s.core.invoke('libraries.list', {})).find((l) => l.name === SECOND_LIBRARY)!;
  await page.getByTestId('photo-count').filter({ hasText: `${family.asset_count} photo` }).waitFor();
  await page.reload();
  await page.getByTestId('photo-count').filter({ hasText: `${family.asset_count} photo` }).waitFor();
  await page.getByRole('combobox', { name: 'Library', exact: true }).selectOption({ label: 'All libraries' });
  await page.context().close();
});

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
  // Best for recognition first, each saying how good it is.
  const labels = await page.locator('.face-grid li > button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const rank = { high: 3, medium: 2, low: 1 } as const;
  const faces = new Map((await s.core.invoke('faces.list', { person_id: person.id, limit: 500 })).items.map((f) => [f.id as string, f]));
  const ranks = labels.map((l) => faces.get(l.replace('Face ', '').split(':')[0]!)).map((f) => (f?.quality ? rank[f.quality.quality_for_recognition] : 0));
  assert.equal(ranks.length, faces.size);
  assert.deepEqual(ranks, [...ranks].sort((x, y) => y - x), 'faces by quality');
  assert.ok(labels.every((l) => /for recognition|not measured/.test(l)));
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

test('bulk hide: selected photos leave the grid for Hidden photos, undo and redo, shown again from there', opts, async () => {
  const lib = (await s.core.invoke('libraries.list', {})).find((l) => l.name !== SECOND_LIBRARY)!;
  const page = await s.open({ viewport: { width: 1024, height: 700 } });
  await page.getByRole('combobox', { name: 'Library', exact: true }).selectOption({ label: lib.name });
  await page.locator('.tile img').first().waitFor();
  const count = page.getByTestId('photo-count');
  const total = (await s.core.invoke('assets.list', { library_id: lib.id, limit: 1 })).total;
  await count.getByText(`${total} photos`).waitFor();
  const tiles = page.locator('.tile');
  await tiles.nth(1).hover();
  await tiles.nth(1).locator('.tile-check').click();
  await tiles.nth(2).locator('.tile-open').click({ modifiers: ['Shift'] });
  await page.locator('.selection-bar', { hasText: '2 photos selected' }).waitFor();
  const names = await page.locator('.tile.selected .tile-open').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  // H hides them: the grid, its count and the core all agree.
  await page.keyboard.press('h');
  await page.locator('.toast', { hasText: 'Hid 2 photos' }).waitFor();
  await count.getByText(`${total - 2} photos`).waitFor();
  const hiddenNow = async () => (await s.core.invoke('assets.list', { library_id: lib.id, hidden: true, limit: 50 })).items.map((a) => a.file_name).sort();
  assert.deepEqual(await hiddenNow(), [...names].sort());
  for (const n of names) assert.equal(await page.locator(`.tile-open[aria-label="${n}"]`).count(), 0, `${n} left the grid`);
  // Undo brings them back, redo hides them again.
  await page.keyboard.press('Control+z');
  await count.getByText(`${total} photos`).waitFor();
  await page.keyboard.press('Control+Shift+z');
  await count.getByText(`${total - 2} photos`).waitFor();
  // Hidden photos: its own address (reload keeps it), the two photos, opened in the viewer, shown again.
  await page.getByRole('button', { name: 'Hidden photos' }).click();
  await page.waitForURL(/#\/library\?hidden=1/);
  await page.reload();
  await page.getByRole('heading', { name: 'Hidden photos' }).waitFor();
  await count.getByText('2 photos').waitFor();
  await page.locator('.tile img').first().waitFor();
  await shot(page, 'flow-hidden-photos-1024');
  await page.locator('.tile-open').first().click();
  await page.getByTestId('photo-preview').waitFor();
  await page.getByText('1 of 2').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.viewer'));
  await page.locator('.tile-open').first().click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Show the selected photos again/ }).click();
  await page.locator('.toast', { hasText: 'Showed 1 photo' }).waitFor();
  await count.getByText('1 photo').waitFor();
  await page.locator('.tile-open').first().hover();
  await page.locator('.tile-check').first().click();
  await page.getByRole('toolbar', { name: 'Selected photos' }).getByRole('button', { name: 'Show again' }).click();
  await page.getByText(/No hidden photos/).waitFor();
  assert.deepEqual(await hiddenNow(), []);
  await page.getByRole('button', { name: 'Back to the library' }).first().click();
  await count.getByText(`${total} photos`).waitFor();
  await page.context().close();
});

test('people quality: face quality in words, little-evidence people under "More people", same-person pairs answered yes and no', opts, async () => {
  const lib = (await s.core.invoke('libraries.list', {})).find((l) => l.name !== SECOND_LIBRARY)!;
  const p = (await s.core.invoke('people.list', { library_id: lib.id, sort: 'count' })).items.find((x) => x.face_count >= 5)!;
  await s.core.invoke('people.update', { person_id: p.id, name: 'Pair Person' });
  const faces = (await s.core.invoke('faces.list', { person_id: p.id, limit: 50 })).items;
  const FIT = { high: 'Good for recognition', medium: 'Fair for recognition', low: 'Poor for recognition' } as const;
  // The face panel says how fit the face is for recognition, in words, from what the core measured.
  const face = faces.find((f) => f.quality)!;
  const page = await s.open({ viewport: { width: 1440, height: 900 }, hash: `#/library?photo=${face.asset_id}` });
  await page.getByRole('button', { name: 'Face: Pair Person' }).first().click();
  await page.getByTestId('face-quality').getByText(FIT[face.quality!.quality_for_recognition]).waitFor();
  assert.match((await page.getByTestId('face-quality').textContent())!, new RegExp(`${Math.round(face.quality!.face_size_px)} px`));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  // A passer-by (one face, found by the engine) waits under "More people", one click away.
  const passer = await s.core.invoke('people.create', { face_ids: [faces[4]!.id] });
  s.core.catalogue.db.prepare(`UPDATE people SET source = 'auto' WHERE id = ?`).run(passer.id);
  assert.equal((await s.core.invoke('people.get', { person_id: passer.id })).has_evidence, false);
  await page.evaluate(() => (location.hash = '#/people'));
  const more = page.getByRole('button', { name: /More people \(\d+\)/ });
  await more.waitFor();
  const little = (await s.core.invoke('people.list', { library_id: lib.id, evidence: 'little' })).total;
  assert.ok(little >= 1);
  assert.match((await more.textContent())!, new RegExp(`More people \\(${little}\\)`));
  const cards = await page.locator('.person-card').count();
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll('.person-card').length === n, cards + little);
  await s.core.invoke('faces.assign', { face_ids: [faces[4]!.id], person_id: p.id });
  // "Are these the same person?": a person split in two is asked about; No keeps them apart for good.
  const q = await s.core.invoke('people.create', { face_ids: faces.slice(0, 2).map((f) => f.id) });
  const pairWith = async (id: string) => (await s.core.invoke('suggestions.people', { library_id: lib.id })).some((x) => [x.person.id, x.other.id].includes(p.id) && [x.person.id, x.other.id].includes(id as typeof p.id));
  assert.ok(await pairWith(q.id), 'the core suggests the split pair');
  assert.equal((await s.core.invoke('suggestions.people', { library_id: lib.id })).length, 1, 'and only that pair');
  await page.evaluate(() => (location.hash = '#/review'));
  const pair = page.getByTestId('pair-question');
  await pair.getByRole('group', { name: 'Faces of Pair Person' }).waitFor();
  await shot(page, 'flow-review-pair-1440');
  await pair.getByRole('button', { name: /No, different people/ }).click();
  await page.locator('.toast', { hasText: /Kept (Pair Person and an unnamed person|an unnamed person and Pair Person) apart/ }).waitFor();
  assert.equal(await pairWith(q.id), false, 'No is remembered');
  // Split again: Yes merges them, Ctrl+Z takes it back.
  const r = await s.core.invoke('people.create', { face_ids: [faces[2]!.id, faces[3]!.id] });
  assert.ok(await pairWith(r.id));
  await page.reload();
  await pair.getByRole('button', { name: /Yes, merge them/ }).click();
  await page.locator('.toast', { hasText: /Merged 2 people into/ }).waitFor();
  const owner = async () => (await s.core.invoke('faces.list', { person_id: p.id, limit: 50 })).items.map((f) => f.id);
  assert.ok((await owner()).includes(faces[2]!.id), 'the faces are Pair Person’s again');
  await page.keyboard.press('Control+z');
  await page.locator('.toast', { hasText: /Undone: Merged/ }).waitFor();
  assert.equal((await owner()).includes(faces[2]!.id), false, 'undo splits them again');
  // Leave the catalogue as it was for the other flows.
  await s.core.invoke('faces.assign', { face_ids: faces.map((f) => f.id), person_id: p.id });
  await s.core.invoke('people.update', { person_id: p.id, name: null });
  await page.context().close();
});

test('naming a person with a name someone has: the core refuses and the UI offers to merge instead', opts, async () => {
  const lib = (await s.core.invoke('libraries.list', {})).find((l) => l.name !== SECOND_LIBRARY)!;
  const [a, b] = (await s.core.invoke('people.list', { library_id: lib.id, sort: 'count' })).items;
  await s.core.invoke('people.update', { person_id: a!.id, name: 'Clash Name' });
  await assert.rejects(s.core.invoke('people.update', { person_id: b!.id, name: 'clash name' }), (e: { code?: string; existingPerson?: { id: string } }) => e.code === 'conflict' && e.existingPerson?.id === a!.id);
  const page = await s.open({ viewport: { width: 1024, height: 700 }, hash: `#/person/${b!.id}` });
  const field = page.getByRole('textbox', { name: /^Name of/ });
  await field.fill('Clash Name');
  await field.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Merge with Clash Name?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await s.core.invoke('people.get', { person_id: b!.id })).name, b!.name, 'nothing was renamed');
  await s.core.invoke('people.update', { person_id: a!.id, name: null });
  await page.context().close();
});

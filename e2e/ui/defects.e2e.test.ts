// One spec per defect found when the app was tried as a new user would (issue: the app people love
// to use). Each fails on the UI before the fix. The real renderer in Chromium against the local
// host, on a copy of the shared e2e catalogue (support/catalogue.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { copyInto, identitiesWith } from '../../electron/core/testing/fixtures.ts';
import type { PersonId } from '../../shared/ids.ts';
import { GROUP, PORTRAIT } from './support/catalogue.ts';
import { browserUnavailable } from './support/paths.ts';
import { fileSession, shot } from './support/session.ts';

const skip = browserUnavailable();
const opts = { skip: skip ?? false };
const s = fileSession();

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const unnamedPeople = async () => (await s.core.invoke('people.list', { limit: 500 })).items.filter((p) => !p.name && p.face_count > 1);
const toastTexts = (page: Page) => page.locator('.toast').allTextContents();
/** Open a photo from the library grid by its file name, as a user would (and as the UI before routes allowed). */
async function openPhoto(page: Page, fileName: string): Promise<void> {
  const tile = page.getByRole('button', { name: fileName, exact: true });
  await page.getByTestId('library-grid').locator('img').first().waitFor();
  for (let i = 0; i < 40 && (await tile.count()) === 0; i++) await page.getByTestId('library-grid').evaluate((el) => (el.scrollTop += 400));
  await tile.click();
  await page.locator('[data-testid="photo-stage"] img').first().waitFor();
}
const stagePhoto = (page: Page) => page.locator('[data-testid="photo-stage"] img').first();

test('defect 1: the viewer fits a 12-MP photo to the window at every size, and the face panel never covers it', opts, async () => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }, { width: 1024, height: 700 }]) {
    const page = await s.open({ viewport });
    await openPhoto(page, PORTRAIT);
    const photo = stagePhoto(page);
    await page.waitForFunction(() => (document.querySelector('[data-testid="photo-stage"] img') as HTMLImageElement | null)?.complete);
    await page.waitForTimeout(200);
    const stage = await box(page, '[data-testid="photo-stage"]');
    let img = (await photo.boundingBox())!;
    // A portrait fills the stage's height; it is centred and not cut.
    assert.ok(Math.abs(img.height - stage.height) <= 2, `${viewport.width}: photo ${img.width.toFixed(0)}×${img.height.toFixed(0)} in a stage ${stage.width}×${stage.height}`);
    assert.ok(Math.abs(img.width / img.height - 3000 / 4000) < 0.01);
    assert.ok(img.x >= stage.x - 1 && img.x + img.width <= stage.x + stage.width + 1);
    await page.locator('.face-box').first().click();
    const panel = await box(page, '.face-panel');
    await page.waitForTimeout(100);
    img = (await photo.boundingBox())!;
    assert.ok(img.x + img.width <= panel.x + 1, `${viewport.width}: the face panel (x ${panel.x}) covers the photo (right edge ${img.x + img.width})`);
    await shot(page, `defect1-viewer-${viewport.width}`);
    await page.context().close();
  }
});

test('defect 2: every view has an address; reload and Back/Forward keep the view; the viewer goes back where it was opened', opts, async () => {
  const page = await s.open({ viewport: { width: 1440, height: 900 } });
  await page.getByRole('navigation').getByRole('button', { name: 'People' }).click();
  await page.waitForURL(/#\/people/);
  await page.getByRole('button', { name: /^Open / }).first().click();
  await page.waitForURL(/#\/person\/person_/);
  const personUrl = page.url();
  await page.reload();
  await page.locator('.tabs').waitFor();
  assert.equal(page.url(), personUrl, 'reload stays on the person page');
  // A photo opened from the person page: ← goes back to the person, not to the library.
  await page.locator('.tile-open').first().click();
  await page.waitForURL(/photo=asset_/);
  await page.getByRole('button', { name: 'Back to the person' }).click();
  await page.waitForURL((u) => u.href === personUrl);
  await page.goBack();
  await page.waitForURL(/#\/people/);
  await page.goForward();
  await page.waitForURL((u) => u.href === personUrl);
  await page.context().close();
});

test('defect 3: after the filtered person is merged away, the library shows who they became instead of "0 photos"', opts, async () => {
  const [a, b] = await unnamedPeople();
  await s.core.invoke('people.update', { person_id: a!.id, name: 'Merge Target' });
  const page = await s.open({ hash: `#/library?people=${b!.id}` });
  await page.getByTestId('photo-count').filter({ hasText: /\d+ photos?/ }).waitFor();
  const out = await s.core.invoke('people.merge', { target_person_id: a!.id, source_person_ids: [b!.id] });
  await page.locator('.chip', { hasText: 'Merge Target' }).waitFor();
  assert.match(page.url(), new RegExp(a!.id), 'the filter follows the merge');
  await page.getByTestId('photo-count').filter({ hasText: String(out.person.asset_count) }).waitFor();
  assert.equal(await page.getByText('No photos yet').count(), 0);
  await s.core.invoke('people.unmerge', { merge_id: out.merges[0]!.id });
  await s.core.invoke('people.update', { person_id: a!.id, name: null });
  await page.context().close();
});

test('defect 4: review shows who the face is compared with and why, no false certainty, and N moves on to another face', opts, async () => {
  // Two faces taken out of a person: exactly what review asks about.
  const person = (await unnamedPeople())[0]!;
  const faces = (await s.core.invoke('faces.list', { person_id: person.id })).items.slice(0, 2);
  await s.core.invoke('faces.detach', { face_ids: faces.map((f) => f.id) });
  const page = await s.open({ hash: '#/review' });
  await page.getByTestId('review-question').waitFor();
  await page.locator('.reference-faces img').first().waitFor();
  assert.ok((await page.locator('.reference-faces img').count()) >= 1, 'the candidate’s own faces are shown');
  await page.getByTestId('review-explanation').filter({ hasText: /Closest to/ }).waitFor();
  assert.doesNotMatch((await page.locator('.review-card').textContent()) ?? '', /100%/);
  await page.getByTestId('review-progress').waitFor();
  await shot(page, 'defect4-review');
  const first = await page.locator('.review-face img').getAttribute('src');
  await page.keyboard.press('n');
  await page.waitForFunction((src) => document.querySelector('.review-face img')?.getAttribute('src') !== src, first);
  const second = await page.locator('.review-face img').getAttribute('src').catch(() => null);
  assert.notEqual(second, first, 'after N the next question is about another face');
  // Undo the answer from the keyboard: the rejection is lifted.
  await page.keyboard.press('Control+z');
  await page.locator('.toast', { hasText: 'Undone' }).waitFor();
  await s.core.invoke('faces.assign', { face_ids: faces.map((f) => f.id), person_id: person.id });
  await page.context().close();
});

test('defect 5: with two libraries, Import asks which one and imports; Review asks which one too', opts, async () => {
  const page = await s.open({ hash: '#/import' });
  const into = page.getByLabel('Import into library');
  await into.waitFor();
  await into.selectOption({ label: (await into.locator('option').filter({ hasText: 'Family' }).textContent())! });
  const folder = mkdtempSync(join(tmpdir(), 'kindred-family-'));
  copyInto(folder, identitiesWith(6, 20)[15]!.files.slice(0, 2));
  await page.getByLabel('Folder path').fill(folder);
  await page.locator('form').getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('[data-state="done"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-summary').filter({ hasText: /2 new photos added to Family/ }).waitFor();
  assert.deepEqual((await toastTexts(page)).filter((t) => /say which/i.test(t)), []);
  await page.goto(`${s.origin}/#/review`);
  await page.getByLabel('Library to review').waitFor();
  await page.context().close();
  rmSync(folder, { recursive: true, force: true });
});

test('defect 6: any named person can be a filter, found by typing; the filter stays one line', opts, async () => {
  const made: PersonId[] = [];
  const lib = (await s.core.invoke('libraries.list', {})).find((l) => l.name !== 'Family')!;
  for (let i = 1; i <= 35; i++) made.push((await s.core.invoke('people.create', { library_id: lib.id, name: `Filter Person ${String(i).padStart(2, '0')}` })).id);
  try {
    const page = await s.open();
    const search = page.getByRole('combobox', { name: 'Filter by person' });
    await search.fill('Filter Person 35');
    await page.getByRole('option', { name: /Filter Person 35/ }).click();
    await page.locator('.chip', { hasText: 'Filter Person 35' }).waitFor();
    assert.match(page.url(), new RegExp(made[34]!));
    const header = await box(page, '.library .view-header');
    assert.ok(header.height < 60, `the header is ${header.height}px tall`);
    await page.context().close();
  } finally {
    for (const id of made) await s.core.invoke('people.delete', { person_id: id });
  }
});

test('defect 7: birth date, unmerge, undo of "Not X", naming, empty search and singular counts all say what is true', opts, async () => {
  const [p, q] = await unnamedPeople();
  await s.core.invoke('people.update', { person_id: p!.id, name: 'Dated Person' });
  const page = await s.open({ hash: `#/person/${p!.id}?tab=faces` });
  // Typing a date: no "Invalid input" toasts on the way, the whole date stored once.
  const date = page.getByLabel('Birth date');
  await date.focus();
  await page.keyboard.type('03122015');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => true);
  for (let i = 0; i < 30 && (await s.core.invoke('people.get', { person_id: p!.id })).birth_date !== '2015-03-12'; i++) await page.waitForTimeout(100);
  assert.equal((await s.core.invoke('people.get', { person_id: p!.id })).birth_date, '2015-03-12');
  assert.deepEqual((await toastTexts(page)).filter((t) => /invalid/i.test(t)), []);
  // Merged with the date taken from the other person, then unmerged: the field shows what is stored.
  await s.core.invoke('people.update', { person_id: q!.id, birth_date: '2001-01-01' });
  const out = await s.core.invoke('people.merge', { target_person_id: p!.id, source_person_ids: [q!.id], birth_date_from: 'source' });
  await page.waitForFunction(() => (document.querySelector('input[aria-label="Birth date"]') as HTMLInputElement).value === '2001-01-01');
  await page.getByRole('button', { name: 'Unmerge' }).click();
  await page.waitForFunction(() => (document.querySelector('input[aria-label="Birth date"]') as HTMLInputElement).value === '2015-03-12');
  assert.equal((await s.core.invoke('people.get', { person_id: p!.id })).birth_date, '2015-03-12');
  void out;
  // "Not X" on the cover face, then Ctrl+Z: the face and the cover come back.
  const cover = (await s.core.invoke('people.get', { person_id: p!.id })).thumbnail_face_id!;
  await page.getByRole('button', { name: `Face ${cover}` }).click();
  await page.getByRole('button', { name: 'Not Dated Person' }).click();
  await page.locator('.toast', { hasText: 'not Dated Person' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('.toast', { hasText: 'Undone' }).waitFor();
  const back = await s.core.invoke('people.get', { person_id: p!.id });
  assert.equal(back.thumbnail_face_id, cover, 'the cover is restored');
  assert.equal((await s.core.invoke('faces.get', { face_id: cover })).person_id, p!.id);
  // Naming a face says what it will do, the same way for new and existing names.
  const face = (await s.core.invoke('faces.list', { person_id: q!.id })).items[0]!;
  await page.goto(`${s.origin}/#/library?photo=${face.asset_id}`);
  await page.locator(`.face-box`).first().waitFor();
  const boxes = page.locator('.face-box');
  const faces = (await s.core.invoke('faces.list', { asset_id: face.asset_id })).items;
  await boxes.nth(faces.findIndex((f) => f.id === face.id)).click();
  const input = page.getByLabel('Who is this?');
  await input.fill('Brand New Name');
  await page.locator('.hint', { hasText: /Names all \d+ faces of this unnamed person/ }).waitFor();
  await input.fill('Dated Person');
  await page.locator('.hint', { hasText: /Adds all \d+ faces of this unnamed person to Dated Person/ }).waitFor();
  // A search that finds nobody says so, and one photo is "1 photo".
  await page.goto(`${s.origin}/#/people?q=zzzz`);
  await page.getByText('No one called “zzzz”').waitFor();
  await page.goto(`${s.origin}/#/library`);
  await page.locator('.day-header').first().waitFor();
  assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /\b1 photos\b/);
  await s.core.invoke('people.update', { person_id: p!.id, name: null, birth_date: null });
  await s.core.invoke('people.update', { person_id: q!.id, birth_date: null });
  await page.context().close();
});

test('defect 8: import says what happened: duplicates, nothing new, no photos, ~/ paths, and drops in a browser', opts, async () => {
  const home = mkdtempSync(join(tmpdir(), 'kindred-home-'));
  const realHome = process.env.HOME;
  const lfw = identitiesWith(6, 20)[16]!.files;
  copyInto(join(home, 'Pictures'), [lfw[0]!]);
  // The same photo twice under two names: one is a duplicate.
  copyInto(join(home, 'Pictures', 'again'), [lfw[0]!]);
  mkdirSync(join(home, 'Empty'));
  process.env.HOME = home;
  try {
    const page = await s.open({ hash: '#/import' });
    let last = '';
    const run = async (path: string) => {
      await page.getByLabel('Folder path').fill(path);
      await page.locator('form').getByRole('button', { name: 'Import', exact: true }).click();
      await page.waitForFunction((prev) => {
        const text = document.querySelector('[data-testid="import-summary"]')?.textContent ?? '';
        return text !== '' && text !== prev && document.querySelector('[data-state="done"]');
      }, last, { timeout: 60_000 });
      last = (await page.getByTestId('import-summary').textContent()) ?? '';
      return last;
    };
    const first = await run('~/Pictures');
    assert.match(first, /1 new photo added/);
    assert.match(first, /1 duplicate skipped/);
    assert.equal(await page.getByText(/s left/).count(), 0, 'no ETA once done');
    assert.match(await run('~/Pictures'), /Nothing new/);
    // What it looks for comes from the scan's own table of formats: HEIC, RAW and video included.
    assert.match(await run(join(home, 'Empty')), /No photos found in .*Kindred looks for photos \(JPEG, .*HEIC.*\), camera RAW files \(DNG, .*\) and videos \(MP4, /);
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'photo.jpg', { type: 'image/jpeg' }));
      document.querySelector('section.import')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.getByRole('alert').filter({ hasText: /Type its path/ }).waitFor();
    await shot(page, 'defect8-import');
    await page.context().close();
  } finally {
    process.env.HOME = realHome;
    rmSync(home, { recursive: true, force: true });
  }
});

test('defect 9: crops follow a moved box, labels do not overlap, focus shows, Escape closes, hidden people and drop targets are marked', opts, async () => {
  const page = await s.open({ viewport: { width: 1440, height: 900 } });
  // Labels of four small faces side by side.
  await openPhoto(page, GROUP);
  await page.locator('.face-label').nth(1).waitFor();
  const rects = await page.locator('.face-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
  assert.ok(rects.length >= 3, `${rects.length} faces found in the group photo`);
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `labels ${i} and ${j} overlap`);
    }
  await shot(page, 'defect9-labels');
  // Draw a face, then move its box: the crop shown is the new one.
  await page.getByRole('button', { name: 'Draw a face' }).click();
  const img = (await stagePhoto(page).boundingBox())!;
  const k = img.width / 600;
  await page.mouse.move(img.x + 10 * k, img.y + 10 * k);
  await page.mouse.down();
  await page.mouse.move(img.x + 80 * k, img.y + 90 * k, { steps: 4 });
  await page.mouse.up();
  const crop = page.getByTestId('face-crop');
  await crop.waitFor();
  const before = await crop.getAttribute('src');
  await page.getByRole('button', { name: 'Resize or move' }).click();
  await page.mouse.move(img.x + 300 * k, img.y + 20 * k);
  await page.mouse.down();
  await page.mouse.move(img.x + 420 * k, img.y + 140 * k, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction((src) => document.querySelector('[data-testid="face-crop"]')?.getAttribute('src') !== src, before);
  // Escape closes the panel, then the viewer.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.viewer'));
  assert.doesNotMatch(page.url(), /photo=/);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  // A focus ring you can see.
  await page.locator('.nav-item').first().focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const st = getComputedStyle(document.activeElement!);
    return { style: st.outlineStyle, width: parseFloat(st.outlineWidth) };
  });
  assert.equal(ring.style, 'solid');
  assert.ok(ring.width >= 2, `outline ${ring.width}px`);
  // Hidden people are marked as hidden when shown.
  const hidden = (await unnamedPeople())[0]!;
  await s.core.invoke('people.update', { person_id: hidden.id, is_hidden: true });
  await page.goto(`${s.origin}/#/people?hidden=1`);
  await page.locator('.person-card', { has: page.locator('.badge', { hasText: 'Hidden' }) }).waitFor();
  await s.core.invoke('people.update', { person_id: hidden.id, is_hidden: false });
  // While dragging a person, the card under the pointer is the drop target, marked apart from the rest.
  await page.goto(`${s.origin}/#/people`);
  const cards = page.locator('.person-card');
  await cards.nth(2).waitFor();
  const dt = await page.evaluateHandle(() => new DataTransfer());
  await cards.nth(0).dispatchEvent('dragstart', { dataTransfer: dt });
  await cards.nth(1).dispatchEvent('dragover', { dataTransfer: dt });
  await page.locator('.person-card[data-drop="over"]').waitFor();
  assert.equal(await page.locator('.person-card[data-drop="over"]').count(), 1);
  assert.ok((await page.locator('.person-card[data-drop="target"]').count()) >= 1);
  await shot(page, 'defect9-drag');
  await cards.nth(0).dispatchEvent('dragend', { dataTransfer: dt });
  // The grid fills the width: no empty band on the right of a full row.
  await page.goto(`${s.origin}/#/library`);
  await page.locator('.tile').first().waitFor();
  const fill = await page.evaluate(() => {
    const body = document.querySelector('.timeline-body')!.getBoundingClientRect();
    const tiles = [...document.querySelectorAll('.tile-row')].find((r) => r.children.length > 1)!.children;
    const a = tiles[0]!.getBoundingClientRect();
    const b = tiles[1]!.getBoundingClientRect();
    const gap = b.left - a.right;
    const cols = Math.round((body.width + gap) / (a.width + gap));
    return { cols, leftover: body.width - (cols * (a.width + gap) - gap), x: a.left - body.left };
  });
  // As many columns as fit, stretched: a full row ends exactly at the right edge.
  assert.ok(Math.abs(fill.leftover) < 2 && Math.abs(fill.x) < 1, `${fill.leftover}px left over beside ${fill.cols} columns`);
  await page.context().close();
});

test('defect 9: API keys: revoking asks first, Copy says it copied, the API switch tells the truth under kindred serve, dark mode themes native controls', opts, async () => {
  const page = await s.open({ hash: '#/settings', scheme: 'dark' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
  assert.equal(await page.getByTestId('api-served').isChecked(), true, 'kindred serve serves the API: shown as served');
  await page.getByLabel('Key name').fill('for the test');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.locator('.key-list li', { hasText: 'for the test' }).getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: /Revoke/ });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await s.core.invoke('api_keys.list', {})).filter((k) => k.name === 'for the test').length, 1, 'cancel keeps the key');
  // The native select is drawn dark too, not a white box on a dark page.
  const bg = await page.getByLabel('Theme').evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = (bg.match(/\d+/g) ?? ['255', '255', '255']).map(Number) as [number, number, number];
  assert.ok(0.2126 * r + 0.7152 * g + 0.0722 * b < 80, `the theme select is ${bg}`);
  await shot(page, 'defect9-settings-dark');
  await page.context().close();
});

test('defect 10: a 12-MP photo opens from its screen-size preview; the original comes only when zoomed past it', opts, async () => {
  const page = await s.open({ viewport: { width: 1440, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await openPhoto(page, PORTRAIT);
  const preview = stagePhoto(page);
  await page.waitForFunction(() => ((document.querySelector('[data-testid="photo-stage"] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  const natural = await preview.evaluate((i) => Math.max((i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight));
  assert.ok(natural <= 2560, `the first image is ${natural}px long, not the 4000px original`);
  assert.ok(!requests.some((r) => r.startsWith('/media/photo/')), 'the original is not fetched to show the photo');
  for (let i = 0; i < 6; i++) await page.keyboard.press('+');
  await page.getByTestId('photo-full').waitFor({ state: 'attached' });
  assert.ok(requests.some((r) => r.startsWith('/media/photo/')), 'zoomed past the preview, the full photo loads');
  await page.context().close();
});

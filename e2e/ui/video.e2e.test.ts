// A video in the app, in Debian's Chromium: its tile shows a poster and its length; the viewer plays
// it (streamed with Range requests), draws the faces of the sampled frame at the playhead, and shows a
// timeline of who is on screen when that seeks on click. Its own small catalogue: a 10 s video made in
// setup from faces-dev photos (A on screen 1–5 s, B 4–9 s, a sidecar .srt) and three stills of each.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir } from '../../electron/core/testing/temp-dir.ts';
import { srtText, twoPeopleLibrary } from '../../electron/core/testing/videos.ts';
import { mediaPath } from '../../shared/media.ts';
import { ARTIFACTS, browserUnavailable, startHost, type Host } from './support/host.ts';

const skip = browserUnavailable();
const opts = { skip: skip ?? false };
const root = tempDir();
let host: Host;
let videoId: string;

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  const lib = join(root, 'library');
  await twoPeopleLibrary(lib, 'garden.mp4', 10, { from: 1, to: 5, x: 90, y: 120, size: 260, dx: 12 }, { from: 4, to: 9, x: 580, y: 110, size: 240, dy: 6 });
  writeFileSync(join(lib, 'garden.srt'), srtText([{ from: 1.5, to: 3, text: 'Look at the roses.' }, { from: 6, to: 7.5, text: 'My turn now.' }]));
  host = await startHost(join(root, 'data'));
  const started = await host.core.invoke('import.start', { paths: [lib] });
  const job = await host.core.invoke('jobs.wait', { job_id: started.id });
  assert.equal(job.state, 'done', job.error ?? '');
  videoId = (await host.core.invoke('assets.list', { limit: 50 })).items.find((x) => x.file_name === 'garden.mp4')!.id;
  // A named person, as a user would have: the timeline then says who.
  const first = host.core.catalogue.faces.byAsset(videoId as never).sort((x, y) => x.timestamp_ms! - y.timestamp_ms!)[0]!;
  await host.core.invoke('people.update', { person_id: first.person_id!, name: 'Alice' });
});
after(async () => host?.close());

const currentMs = (page: Page) => page.getByTestId('video-player').evaluate((v: HTMLVideoElement) => Math.round(v.currentTime * 1000));

test('the player streams the video with Range requests', opts, async () => {
  const url = `${host.origin}${mediaPath('video', videoId)}`;
  const whole = await fetch(url, { headers: { 'X-Kindred-Token': host.token } });
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  const size = (await whole.arrayBuffer()).byteLength;
  const part = await fetch(url, { headers: { 'X-Kindred-Token': host.token, Range: 'bytes=100-199' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 100-199/${size}`);
  assert.equal((await part.arrayBuffer()).byteLength, 100);
  const photo = (await host.core.invoke('assets.list', { limit: 50 })).items.find((x) => x.fps === null)!;
  assert.equal((await fetch(`${host.origin}${mediaPath('video', photo.id)}`, { headers: { 'X-Kindred-Token': host.token } })).status, 404, 'a photo is no video');
  assert.equal((await fetch(`${host.origin}/media/video/..%2Fcatalogue.sqlite`, { headers: { 'X-Kindred-Token': host.token } })).status, 400, 'a path is no id');
});

test('video: poster and length in the grid, the player with face boxes and a face timeline that seeks', opts, async () => {
  const { page } = host;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${host.origin}/#/library`);
  const tile = page.locator('.tile', { has: page.getByRole('button', { name: 'garden.mp4', exact: true }) });
  await tile.locator('img').waitFor();
  assert.equal(await tile.locator('.tile-duration').textContent(), '0:10');
  await tile.getByRole('button', { name: 'garden.mp4', exact: true }).click();
  const player = page.getByTestId('video-player');
  await player.waitFor();
  await page.waitForFunction(() => ((document.querySelector('[data-testid="video-player"]') as HTMLVideoElement | null)?.readyState ?? 0) >= 2, undefined, { timeout: 20_000 });
  const rows = page.getByTestId('timeline-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2, 'one row per person on screen');
  const alice = page.getByRole('button', { name: /^Alice on screen 0:0[01]\.\d–0:0[45]\.\d: play from here$/ });
  assert.equal(await alice.count(), 1, 'Alice is on screen from about 1 s to about 5 s');
  // A click on the other person's range seeks there, and their face is boxed on the frame shown.
  const other = rows.nth(1).locator('.timeline-range');
  await other.click();
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="video-player"]') as HTMLVideoElement;
    return v.currentTime > 3.5 && v.currentTime < 4.5 && !v.seeking;
  });
  await page.locator('.stage .face-box').first().waitFor();
  // Seek into the stretch where both are on screen: two boxes, Alice's labelled.
  await alice.click();
  await player.evaluate((v: HTMLVideoElement) => (v.currentTime = 4.6));
  await page.waitForFunction(() => document.querySelectorAll('.stage .face-box').length === 2);
  assert.ok(Math.abs((await currentMs(page)) - 4600) < 100);
  assert.equal(await page.getByRole('button', { name: 'Face: Alice' }).count(), 1);
  await page.getByText('Spoken').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, 'video-player-timeline.png') });
  // A face box opens the face panel of that track.
  await page.getByRole('button', { name: 'Face: Alice' }).click();
  await page.getByRole('complementary', { name: 'Face' }).waitFor();
});

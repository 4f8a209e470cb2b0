import { expect, shot, skipIfUnavailable, test } from './support/fixtures.ts';

// The served renderer talks to the real core: the library shows the catalogue's photos with
// thumbnails from /media, the people page shows the people the import found, and a change made in
// the core reaches the page as a server-sent event. Nothing trips the page's CSP.
skipIfUnavailable();
test.use({ hostOptions: { photos: 'faces-dev-subset' } });

test('the page renders the catalogue from the core and follows its events', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  const assets = await host.core.invoke('assets.list', {});
  expect(assets.total).toBe(16);
  await page.getByRole('navigation').getByRole('button', { name: 'Library' }).click();
  const thumbs = page.locator('img[src*="media/thumb/"]');
  await expect(thumbs).toHaveCount(assets.total);
  await expect.poll(() => thumbs.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await shot(page, 'smoke-library');

  await page.getByRole('navigation').getByRole('button', { name: 'People' }).click();
  const people = await host.core.invoke('people.list', {});
  expect(people.total).toBeGreaterThanOrEqual(4);
  await expect(page.locator('img[src*="media/face/"]')).toHaveCount(people.total);
  // Named in the core, not through the page: the page hears catalogue.changed over /events.
  await host.core.invoke('people.update', { person_id: people.items[0]!.id, name: 'Named Elsewhere' });
  await expect(page.getByText('Named Elsewhere')).toBeVisible();
  await shot(page, 'smoke-people');
  expect(problems).toEqual([]);
});

// Opens the Swagger UI page of a live Gyre app, runs "Try it out" on GET /items/{id} and prints
// what the page showed as one JSON line. Also opens the ReDoc page. Any request that leaves the
// loopback interface is blocked and reported, so the pages are proven to work offline.
//
// usage: node docs-try-it-out.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from 'playwright-core';

const [base, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GYRE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--disable-quic'],
});
const result = { outside: [], errors: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
      return route.continue();
    }
    result.outside.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => result.errors.push(String(e)));

  await page.goto(base + '/docs');
  const op = page.locator('#operations-items-readItem');
  await op.locator('.opblock-summary').first().click();
  await op.getByRole('button', { name: 'Try it out' }).click();
  await op.locator('tr[data-param-name="id"] input').fill('1');
  await op.getByRole('button', { name: 'Execute' }).click();
  const live = op.locator('.live-responses-table');
  await live.locator('tr.response .response-col_status').first().waitFor({ timeout: 20000 });
  result.status = (await live.locator('tr.response .response-col_status').first().innerText()).trim();
  result.body = await live.locator('tr.response .response-col_description').first().innerText();
  result.requestUrl = await op.locator('.request-url').first().innerText().catch(() => '');
  await op.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots + '/docs-try-it-out.png' });

  await page.goto(base + '/redoc');
  await page.locator('h1').first().waitFor({ timeout: 20000 });
  result.redocTitle = (await page.locator('h1').first().innerText()).trim();
  await page.screenshot({ path: shots + '/redoc.png' });
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

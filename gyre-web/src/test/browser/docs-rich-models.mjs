// Opens the Swagger UI page of a live Gyre app with rich models (sealed interfaces, generic
// records, renamed properties), expands every schema of the Schemas section, runs "Try it out"
// on the given operations with the request body example Swagger UI builds from the schema, and
// prints what the page showed as one JSON line: the schema titles, the errors the page displayed
// or logged, and each operation's request body, status and response. Any request that leaves the
// loopback interface is blocked and reported.
//
// usage: node docs-rich-models.mjs BASE_URL SCREENSHOT_DIR OPERATION_ID...
import { chromium } from 'playwright-core';

const [base, shots, ...operations] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GYRE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--disable-quic'],
});
const result = { outside: [], errors: [], console: [], shownErrors: [], titles: [], operations: {} };
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
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      result.console.push(m.type() + ': ' + m.text());
    }
  });

  await page.goto(base + '/docs');
  // OpenAPI 3.1: Swagger UI renders each schema with its JSON Schema 2020-12 components.
  const models = page.locator('section.models article.json-schema-2020-12[data-json-schema-level="0"]');
  await models.first().waitFor({ timeout: 20000 });
  const count = await models.count();
  for (let i = 0; i < count; i++) {
    // Expanding a schema makes Swagger UI resolve it: resolver errors show up only then.
    const model = models.nth(i);
    result.titles.push((await model.locator('.json-schema-2020-12__title').first().innerText()).trim());
    await model.locator('.json-schema-2020-12-accordion').first().click();
    await model.locator('.json-schema-2020-12-accordion__icon--expanded').first().waitFor({ timeout: 20000 });
  }
  await page.screenshot({ path: shots + '/docs-rich-models-schemas.png', fullPage: true });

  for (const id of operations) {
    const block = page.locator(`[id^="operations-"][id$="-${id}"]`).first();
    const seen = {};
    await block.locator('.opblock-summary').first().click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    const body = block.locator('textarea.body-param__text');
    if (await body.count() > 0) {
      seen.requestBody = await body.first().inputValue();
    }
    await block.getByRole('button', { name: 'Execute' }).click();
    const live = block.locator('.live-responses-table');
    await live.locator('tr.response .response-col_status').first().waitFor({ timeout: 20000 });
    seen.status = (await live.locator('tr.response .response-col_status').first().innerText()).trim();
    seen.body = await live.locator('tr.response .response-col_description .microlight, '
      + 'tr.response .response-col_description pre').first().innerText().catch(() => '');
    seen.requestUrl = await block.locator('.request-url').first().innerText().catch(() => '');
    await block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots + '/docs-rich-models-' + id + '.png' });
    result.operations[id] = seen;
  }

  // Errors Swagger UI shows at the top of the page (resolver and parser errors).
  const shown = page.locator('.errors-wrapper .errors .error-wrapper, .errors-wrapper .error-line');
  for (let i = 0; i < await shown.count(); i++) {
    result.shownErrors.push((await shown.nth(i).innerText()).trim());
  }
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

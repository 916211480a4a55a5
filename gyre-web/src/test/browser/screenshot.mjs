// Saves a screenshot of a page once it has rendered, for the documentation.
//
// usage: node screenshot.mjs URL FILE [SELECTOR_TO_WAIT_FOR]
import { chromium } from 'playwright-core';

const [url, file, selector = 'body'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GYRE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.locator(selector).first().waitFor({ timeout: 20000 });
  await page.screenshot({ path: file });
} finally {
  await browser.close();
}

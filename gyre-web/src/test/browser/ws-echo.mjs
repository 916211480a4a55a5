// Opens a page of a live Gyre app in Chromium and, from that page, a WebSocket to /ws: sends a
// text and a binary message, reads both echoes, closes with 1000, and prints what happened as one
// JSON line. Requests that leave the loopback interface are blocked and reported.
//
// usage: node ws-echo.mjs BASE_URL
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GYRE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--disable-quic'],
});
const result = { outside: [], errors: [] };
try {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') {
      return route.continue();
    }
    result.outside.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => result.errors.push(String(e)));
  await page.goto(base + '/');
  Object.assign(result, await page.evaluate((wsUrl) => new Promise((resolve) => {
    const seen = { messages: [] };
    const ws = new WebSocket(wsUrl);
    ws.binaryType = 'arraybuffer';
    const timer = setTimeout(() => resolve({ ...seen, timeout: true }), 15000);
    ws.onopen = () => {
      ws.send('hello from chromium');
      ws.send(new Uint8Array([1, 2, 3, 250]));
    };
    ws.onmessage = (e) => {
      seen.messages.push(typeof e.data === 'string' ? e.data : Array.from(new Uint8Array(e.data)));
      if (seen.messages.length === 2) {
        ws.close(1000, 'done');
      }
    };
    ws.onclose = (e) => {
      clearTimeout(timer);
      resolve({ ...seen, closeCode: e.code, wasClean: e.wasClean });
    };
  }), base.replace('http://', 'ws://') + '/ws'));
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

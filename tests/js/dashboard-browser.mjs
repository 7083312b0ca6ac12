// Opens the /dashboard page in headless Chromium through playwright-core, signs in, and waits
// until a purchase with the given receipt number shows in the page's list of latest entries.
// Usage: node dashboard-browser.mjs BASE_URL EMAIL PASSWORD RECEIPT
// Uses the Chromium at POINTSPOT_CHROMIUM (Debian's chromium); downloads no browser.
// Prints "live" once the page is connected, then "purchases N" and "row ..." with the cells of
// the receipt's row, and exits 0.
import { chromium } from 'playwright-core';

const [baseUrl, email, password, receipt] = process.argv.slice(2);
const executablePath = process.env.POINTSPOT_CHROMIUM;
if (!baseUrl || !email || !password || !receipt || !executablePath) {
  console.error('usage: POINTSPOT_CHROMIUM=/usr/bin/chromium node dashboard-browser.mjs BASE_URL EMAIL PASSWORD RECEIPT');
  process.exit(2);
}

// Chromium's sandbox needs user namespaces, which containers and root often lack.
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(new URL('dashboard', baseUrl).toString());
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Live', null, { timeout: 60000 });
  console.log('live');

  const row = page.locator('#latest tr', { hasText: receipt });
  await row.waitFor({ timeout: 60000 });
  console.log(`purchases ${await page.textContent('#purchases')}`);
  console.log(`row ${(await row.locator('td').allTextContents()).join('|')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await browser.close();
}

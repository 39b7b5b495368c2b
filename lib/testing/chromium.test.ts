import { expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';

it('starts a headless Chromium and closes it', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<p id="x">ready</p>');
    expect(await page.textContent('#x')).toBe('ready');
  } finally {
    await browser.close();
  }
  expect(browser.isConnected()).toBe(false);
}, 60_000);

// Rasterises media/icon.svg into media/icon.png (128×128, transparent corners) with the Chromium the
// tests use: `node --import tsx scripts/make-icon.ts`. The PNG is committed; run again after
// changing the SVG.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/support/chromium';

const root = path.resolve(__dirname, '..');

void (async () => {
  const svg = readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(path.join(root, 'media', 'icon.png'), png);
    console.log(`media/icon.png: ${png.length} bytes`);
  } finally {
    await browser.close();
  }
})();

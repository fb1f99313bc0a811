// Renders every BPMN model in processes/ to docs/<process>.png with bpmn-js in headless
// Chromium, so the pictures in the docs always come from the models themselves.
//   npm ci && npm run render:diagrams
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const viewer = await readFile(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const css = await readFile(require.resolve('bpmn-js/dist/assets/bpmn-js.css'), 'utf8');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const file of (await readdir('processes')).filter((name) => name.endsWith('.bpmn')).sort()) {
    const xml = await readFile(path.join('processes', file), 'utf8');
    const page = await browser.newPage();
    await page.setContent(`<html><head><style>${css} html,body{margin:0;background:#fff}</style></head>
      <body><div id="canvas" style="width:4000px;height:1400px"></div></body></html>`);
    await page.addScriptTag({ content: viewer });
    const box = await page.evaluate(async (diagram) => {
      const bpmn = new window.BpmnJS({ container: '#canvas' });
      await bpmn.importXML(diagram);
      const canvas = bpmn.get('canvas');
      canvas.zoom('fit-viewport', 'auto');
      const inner = canvas.getActiveLayer().getBBox();
      const zoom = canvas.zoom();
      return { width: Math.ceil(inner.width * zoom) + 40, height: Math.ceil(inner.height * zoom) + 40 };
    }, xml);
    await page.setViewport({ width: Math.min(box.width, 4000), height: Math.min(box.height, 1400), deviceScaleFactor: 1 });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    const target = path.join('docs', file.replace(/\.bpmn$/, '.png'));
    await writeFile(target, await page.screenshot({ fullPage: true }));
    console.log(`rendered ${target}`);
    await page.close();
  }
} finally {
  await browser.close();
}

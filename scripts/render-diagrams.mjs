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
      <body><div id="canvas" style="width:100vw;height:100vh"></div></body></html>`);
    await page.addScriptTag({ content: viewer });
    await page.evaluate(async (diagram) => {
      window.bpmn = new window.BpmnJS({ container: '#canvas' });
      await window.bpmn.importXML(diagram);
    }, xml);
    // draw at scale 1 so the text keeps its size however large the model grows
    const inner = await page.evaluate(() => {
      const { x, y, width, height } = window.bpmn.get('canvas').getActiveLayer().getBBox();
      return { x, y, width, height };
    });
    const margin = 20;
    await page.setViewport({ width: Math.ceil(inner.width) + 2 * margin, height: Math.ceil(inner.height) + 2 * margin, deviceScaleFactor: 1 });
    await page.evaluate(({ x, y, width, height }, m) => {
      const canvas = window.bpmn.get('canvas');
      canvas.resized();
      canvas.viewbox({ x: x - m, y: y - m, width: width + 2 * m, height: height + 2 * m });
    }, inner, margin);
    const target = path.join('docs', file.replace(/\.bpmn$/, '.png'));
    await writeFile(target, await page.screenshot({ fullPage: true }));
    console.log(`rendered ${target}`);
    await page.close();
  }
} finally {
  await browser.close();
}

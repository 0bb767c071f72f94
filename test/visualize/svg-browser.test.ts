/**
 * The shipped diagrams as a browser draws them, in real headless Chromium with whatever fonts the
 * system has (Debian's has no Helvetica or Arial: DejaVu Sans, some 10 % wider, stands in). The
 * runs of one label line must not run into each other (`done: pollToken` glued to ` · #2
 * [isPending]`), and no label may cover a state's box. Screenshots go to `test-results/inspect/`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';

const visualizations = fileURLToPath(new URL('../../visualizations/', import.meta.url));

describe.skipIf(skipWithoutChromium)('the shipped SVG diagrams in real headless Chromium', () => {
  const browserContext = useChromium();

  it.each(['deviceAuth', 'session'])('%s: label runs do not overlap each other or any state', async (id) => {
    const svg = await readFile(join(visualizations, `${id}.svg`), 'utf8');
    const page = await browserContext().newPage();
    try {
      await page.setContent(`<!doctype html><body style="margin:0">${svg.slice(svg.indexOf('<svg'))}</body>`);
      const problems = await page.evaluate(() => {
        const found: string[] = [];
        const box = (element: Element) => element.getBoundingClientRect();
        const overlap = (a: DOMRect, b: DOMRect, slack: number) =>
          a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
        const states = Array.from(document.querySelectorAll('g.node'), (node) => ({
          name: node.querySelector('title')?.textContent ?? '',
          shape: node.querySelector('path, polygon, ellipse'),
        })).filter((state) => state.shape !== null && state.shape.getBoundingClientRect().width > 12);
        for (const group of document.querySelectorAll('g.node, g.edge, g.cluster')) {
          const texts = Array.from(group.querySelectorAll('text'));
          // Runs on one line (same baseline) must stay apart.
          for (let i = 0; i < texts.length; i += 1) {
            for (let j = i + 1; j < texts.length; j += 1) {
              const [a, b] = [texts[i]!, texts[j]!];
              if (a.getAttribute('y') !== b.getAttribute('y')) continue;
              if (overlap(box(a), box(b), 0.5)) found.push(`"${a.textContent}" runs into "${b.textContent}"`);
            }
          }
          if (!group.classList.contains('edge')) continue;
          for (const text of texts) {
            for (const state of states) {
              if (overlap(box(text), box(state.shape!), 1)) found.push(`edge label "${text.textContent}" covers state ${state.name}`);
            }
          }
        }
        return found;
      });
      await page.screenshot({ path: join(SCREENSHOTS, `diagram-${id}.png`), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

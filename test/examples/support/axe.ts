/**
 * The accessibility scan of the example pages: axe-core (from node_modules) injected into the
 * page as it stands and run on the whole document; a `serious` or `critical` violation fails the
 * test, naming the rule and the elements.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../support/run-cli.js';

const AXE_SCRIPT = join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** One rule broken on the page, as reported. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Runs axe-core on the page now and returns every violation. */
export async function scanWithAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
}

/**
 * Fails when axe finds a `serious` or `critical` violation on the page now; `when` names the
 * moment in the message (e.g. `vanilla, code shown`).
 */
export async function expectNoSeriousViolations(page: Page, when: string): Promise<void> {
  const serious = (await scanWithAxe(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map((violation) => `  ${violation.impact} ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
    throw new Error(`axe-core found ${serious.length} serious or critical violation(s) (${when}):\n${lines.join('\n')}`);
  }
}

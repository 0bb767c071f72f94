/**
 * The Svelte widget (examples/svelte) in real headless Chromium: the approve path as a person would
 * take it (scenario in support/widget-scenarios.ts), scanned with axe-core in each phase and
 * photographed into test-results/examples/.
 */
import { describe, it } from 'vitest';
import { skipWithoutChromium } from '../inspect/support/chromium.js';
import { SCENARIO_TIMEOUT_MS, approveScenario, noServerScenario, useWidgetUnderTest } from './support/widget-scenarios.js';

describe.skipIf(skipWithoutChromium)('the Svelte sign-in widget in real headless Chromium', () => {
  const widget = useWidgetUnderTest('svelte');

  it('approve: the code on screen, entered on /activate in a second tab, signs the person in', () => approveScenario(widget), SCENARIO_TIMEOUT_MS);

  it('opened from disk without ?server=, the page says how to name the server', () => noServerScenario(widget), SCENARIO_TIMEOUT_MS);
});

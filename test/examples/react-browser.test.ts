/**
 * The React widget (examples/react) in real headless Chromium, used as a person would: approve
 * and deny on the embedded server's /activate page in a second tab, a code that expires then
 * "Try again" with a new one, and "Cancel" after which the server sees no further poll
 * (scenarios in support/widget-scenarios.ts). Each phase tested is scanned with axe-core; each
 * outcome is photographed into test-results/examples/.
 */
import { describe, it } from 'vitest';
import { skipWithoutChromium } from '../inspect/support/chromium.js';
import { SCENARIO_TIMEOUT_MS, approveScenario, cancelScenario, denyScenario, expiryScenario, noServerScenario, useWidgetUnderTest } from './support/widget-scenarios.js';

describe.skipIf(skipWithoutChromium)('the React sign-in widget in real headless Chromium', () => {
  const widget = useWidgetUnderTest('react');

  it('approve: the code on screen, entered on /activate in a second tab, signs the person in', () => approveScenario(widget), SCENARIO_TIMEOUT_MS);

  it('deny, at phone width: the outcome says so and "Try again" has the focus', () => denyScenario(widget), SCENARIO_TIMEOUT_MS);

  it('a code that expires, then "Try again" from the keyboard gets a new code that works', () => expiryScenario(widget), SCENARIO_TIMEOUT_MS);

  it('cancel mid-wait: no poll of the code reaches the server afterwards, over three of its intervals', () => cancelScenario(widget), SCENARIO_TIMEOUT_MS);

  it('opened from disk without ?server=, the page says how to name the server', () => noServerScenario(widget), SCENARIO_TIMEOUT_MS);
});

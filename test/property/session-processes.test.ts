/**
 * Property: two processes (two CLI commands, two tabs) share one stored token — one token file
 * seen through a store object each, with its compare-before-delete and its lock — and refresh
 * on their own schedules with random answers, store lag and failures, forced refreshes, token
 * requests and sleeps. The stored pair is never lost (whenever a session is signed in the store
 * holds a live pair at least as new as its own) nor replaced by an older one, and, when no
 * store call failed, no session signs the person out because the other process won a race.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newViolations } from './support/open-defects.js';
import { propertyParameters } from './support/runs.js';
import { describeSessionRun, runSessionScenario } from './support/session-harness.js';
import { sessionScenario } from './support/session-scenario.js';

describe('session machine, two processes on one stored pair (property)', () => {
  it('never loses the stored pair to a refresh race', async () => {
    await fc.assert(
      fc.asyncProperty(sessionScenario(2), async (scenario) => {
        const run = await runSessionScenario(scenario);
        expect(newViolations(run.violations), describeSessionRun(run)).toEqual([]);
      }),
      propertyParameters(150),
    );
  }, 120_000);
});

/**
 * Property: the session machine with the real Trakt session services (refresh, revoke, the
 * store-call ordering, the device-auth child for sign-in) over a token store that fails and
 * lags when told, against a server whose refresh answers come in any order — success,
 * invalid_grant, 5xx, 429 with any Retry-After, garbage, dropped or hung connections — and an
 * app that signs out, forces refreshes, asks for the token, signs in, cancels and sleeps at
 * random times. Invariants: support/session-harness.ts (never two refreshes in flight; a stored
 * pair is never lost or replaced by an older one; never a dead refresh token sent or access
 * token handed out; no timer after stop; no secret outside token payloads; …).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newViolations } from './support/open-defects.js';
import { propertyParameters } from './support/runs.js';
import { describeSessionRun, runSessionScenario } from './support/session-harness.js';
import { sessionScenario } from './support/session-scenario.js';

describe('session machine + Trakt session services, one process (property)', () => {
  it('never runs two refreshes, never loses or rolls back the stored pair', async () => {
    await fc.assert(
      fc.asyncProperty(sessionScenario(1), async (scenario) => {
        const run = await runSessionScenario(scenario);
        expect(newViolations(run.violations), describeSessionRun(run)).toEqual([]);
      }),
      propertyParameters(250),
    );
  }, 120_000);
});

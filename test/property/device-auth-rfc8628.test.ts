/**
 * Property: the device-auth machine with the real RFC 8628 services (generic dialect and HTTP seam, fed by
 * a scripted fetch) against a hostile server — random answers, latencies, faults and echoes,
 * and random cancel / restart / persist-and-resume / sleep / stop timing, in simulated time —
 * keeps every invariant listed in support/device-harness.ts: deadline, one request in flight,
 * pacing, no request after rest, cancel or stop, no timer after stop, no secret outside the
 * token payload.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDeviceRun, runDeviceScenario } from './support/device-harness.js';
import { deviceScenario } from './support/device-scenario.js';
import { newViolations } from './support/open-defects.js';
import { propertyParameters } from './support/runs.js';

describe('device-auth machine + RFC 8628 services against a hostile server (property)', () => {
  it('keeps its invariants over random answers, faults and app timing', async () => {
    await fc.assert(
      fc.asyncProperty(deviceScenario('rfc8628'), async (scenario) => {
        const run = await runDeviceScenario(scenario);
        expect(newViolations(run.violations), describeDeviceRun(run)).toEqual([]);
      }),
      propertyParameters(300),
    );
  }, 120_000);
});

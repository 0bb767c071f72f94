/**
 * The floor: a device flow written with nothing but `fetch` and `setTimeout` (wait one interval,
 * poll, repeat), in either dialect. Run by bench/run.ts as its own process.
 */
import { sleep } from '../lib/clock.js';
import type { BenchClient, Target } from './client-types.js';
import { deviceCodeRequest, isPending, tokenRequest, type DeviceCodeAnswer } from './bare-requests.js';
import { runClient } from './harness.js';

// The bare `fetch` + `setTimeout` loop.
const bareLoop: BenchClient = {
  name: 'bare loop',
  modes: ['trakt', 'rfc8628'],
  setUp(target: Target) {
    return async (onUserCode) => {
      const [codeUrl, codeInit] = deviceCodeRequest(target);
      const codeResponse = await target.fetch(codeUrl, codeInit);
      if (!codeResponse.ok) throw new Error(`device code: ${codeResponse.status}`);
      const codes = (await codeResponse.json()) as DeviceCodeAnswer;
      onUserCode(codes.user_code);
      for (;;) {
        await sleep(codes.interval * 1000);
        const [url, init] = tokenRequest(target, codes.device_code);
        const response = await target.fetch(url, init);
        if (response.ok) {
          await response.json();
          return;
        }
        if (!(await isPending(response))) throw new Error(`token poll: ${response.status}`);
      }
    };
  },
};

await runClient(bareLoop);

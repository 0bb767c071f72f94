/**
 * The floor: a device flow written with nothing but `fetch` and `setTimeout` (wait one interval,
 * poll, repeat), in either dialect. Run by bench/run.ts as its own process.
 */
import { sleep } from '../lib/clock.js';
import type { BenchClient, Target } from './client-types.js';
import { deviceCodeRequest, tokenRequest, type DeviceCodeAnswer } from './bare-requests.js';
import { runClient } from './harness.js';

/** Trakt answers a pending poll with an empty 400; RFC 8628 with 400 `authorization_pending`. */
async function isPending(response: Response): Promise<boolean> {
  const text = await response.text();
  return response.status === 400 && (text === '' || text.includes('authorization_pending'));
}

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

import { describe, expect, it } from 'vitest';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

describe('token poll while the person has not decided', () => {
  it('answers 400 with an empty body on every on-time poll', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5 });
    const code = await requestDeviceCode(server);
    for (let poll = 0; poll < 3; poll += 1) {
      const response = await pollToken(server, code.device_code);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe('');
      clock.advance(5000);
    }
    const polls = server.log.filter((entry) => entry.path === '/oauth/device/token').map((entry) => entry.status);
    expect(polls).toEqual([400, 400, 400]);
  });
});

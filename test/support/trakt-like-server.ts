/**
 * A scripted Trakt-like loopback server, kept for what the embedded mock cannot give: the CLI
 * runs in a child process and holds its device code, so a test cannot make the mock answer its
 * first poll 409 (that needs the code consumed by someone else) or put a CDN's 403 page in front
 * of a client that sends a User-Agent. Device codes with a short interval, then the scripted poll
 * answers. Everything the mock can do (a sign-in, denial, expiry, rotation, a forgotten code with
 * `maxDeviceCodes`) uses `startMockServer` or, in process, `createMockFetch`.
 */
import { json, startLoopbackServer, type ScriptedAnswer } from './loopback-server.js';

/** Trakt's 200 answer to a token poll: `sampleToken` of scripted-services.ts as it comes over the wire. */
export const sampleTokenBody = {
  access_token: 'access-secret',
  token_type: 'bearer',
  expires_in: 604800,
  refresh_token: 'refresh-secret',
  scope: 'public',
  created_at: 1_700_000_000,
};

export async function startTraktLikeServer(pollAnswers: ScriptedAnswer[], options: { interval?: number; expiresIn?: number } = {}) {
  let polls = 0;
  return startLoopbackServer((request) => {
    if (request.path === '/oauth/device/code') {
      return json(200, {
        device_code: 'dc-secret',
        user_code: 'ABCD2345',
        verification_url: 'https://trakt.tv/activate',
        expires_in: options.expiresIn ?? 5,
        interval: options.interval ?? 0.01,
      });
    }
    const answer = pollAnswers[Math.min(polls, pollAnswers.length - 1)]!;
    polls += 1;
    return answer;
  });
}

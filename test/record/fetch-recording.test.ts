/**
 * The recorder's `fetch`: each exchange becomes an `http` step (method, origin, path without the
 * query, status, duration, redacted bodies) while the caller gets exactly what the wrapped `fetch`
 * gave, failures included. Simulated time: durations are what the fake clock says.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECORDED_RESPONSE_BYTES } from '../../src/record/fetch-recording.js';
import { MAX_BODY_TEXT } from '../../src/record/http-body.js';
import { createTraceRecorder } from '../../src/record/trace-recorder.js';
import type { TraceHttpStep } from '../../src/record/trace.types.js';

/** A stand-in for `fetch` with its parameters, as the services call it. */
type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;
const fake = (answer: Fetch): Fetch => answer;

const T0 = Date.UTC(2025, 0, 1);

function onlyHttpStep(recorder: ReturnType<typeof createTraceRecorder>): TraceHttpStep {
  const steps = recorder.trace().steps.filter((step): step is TraceHttpStep => step.type === 'http');
  expect(steps).toHaveLength(1);
  return steps[0]!;
}

describe('the recording fetch', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('hands back the very answer the wrapped fetch gave, and times the exchange until its body has arrived', async () => {
    const recorder = createTraceRecorder();
    let answer: Response | undefined;
    const fetch = recorder.wrapFetch(fake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      answer = new Response('{"ok":true}', { status: 201, headers: { 'Content-Type': 'application/json' } });
      return answer;
    }));
    const pending = fetch('https://api.example/v1/things?device_code=abc#top', { method: 'put', body: '{"name":"x"}' });
    await vi.advanceTimersByTimeAsync(120);
    const response = await pending;
    expect(response).toBe(answer);
    await expect(response.json()).resolves.toEqual({ ok: true });
    expect(onlyHttpStep(recorder)).toEqual({
      type: 'http',
      seq: 1,
      time: T0,
      method: 'PUT',
      origin: 'https://api.example',
      path: '/v1/things',
      status: 201,
      durationMs: 120,
      requestBody: { name: 'x' },
      responseBody: { ok: true },
      error: null,
    });
  });

  it('records a request that got no answer, and rejects with the same error', async () => {
    const recorder = createTraceRecorder();
    const failure = new TypeError('fetch failed: ECONNREFUSED');
    const fetch = recorder.wrapFetch(
      fake(async () => {
        throw failure;
      }),
    );
    await expect(fetch('http://127.0.0.1:9/oauth/device/code', { method: 'POST' })).rejects.toBe(failure);
    expect(onlyHttpStep(recorder)).toMatchObject({ status: null, durationMs: 0, responseBody: null, error: 'TypeError: fetch failed: ECONNREFUSED' });
  });

  it('reads form bodies as fields, redacting the grant code and client secret; clips text; leaves out a huge answer', async () => {
    const recorder = createTraceRecorder();
    const page = `<html>${'blocked '.repeat(1000)}</html>`;
    const fetch = recorder.wrapFetch(
      fake(async (url) =>
        url.endsWith('/huge') ? new Response('x'.repeat(MAX_RECORDED_RESPONSE_BYTES + 1)) : new Response(page, { status: 403, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    await fetch('https://idp.example/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=dc-123456789&client_id=app&client_secret=s3cr3t-value',
    });
    await fetch('https://idp.example/huge');
    await vi.advanceTimersByTimeAsync(0);
    const [form, huge] = recorder.trace().steps as TraceHttpStep[];
    expect(form!.requestBody).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: '[redacted]',
      client_id: 'app',
      client_secret: '[redacted]',
    });
    expect(form!.status).toBe(403);
    expect(form!.responseBody).toMatch(new RegExp(`^<html>blocked blocked .{${MAX_BODY_TEXT - 30},}… \\(${page.length} characters\\)$`));
    expect(String(form!.responseBody).length).toBeLessThan(MAX_BODY_TEXT + 40);
    expect(huge!.responseBody).toBe(`[more than ${MAX_RECORDED_RESPONSE_BYTES} bytes, left out]`);
  });

  it('learns the credential of an Authorization header, wherever the answer echoes it', async () => {
    const recorder = createTraceRecorder();
    const fetch = recorder.wrapFetch(fake(async () => new Response('{"you_sent":"access-abcdef123456"}', { status: 401 })));
    await fetch('https://api.example/users/settings', { headers: { Authorization: 'Bearer access-abcdef123456' } });
    await vi.advanceTimersByTimeAsync(0);
    const text = JSON.stringify(recorder.trace());
    expect(text).not.toContain('access-abcdef123456');
    expect(onlyHttpStep(recorder).responseBody).toEqual({ you_sent: '[redacted]' });
  });
});

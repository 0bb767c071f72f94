/**
 * The replay page, served and as one file: the trace embedded as data (never markup, never code),
 * the shipped diagram inline, a policy that allows no connection at all, the version warning when
 * another version recorded the trace, and the same loopback-only rules as the live viewer.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { replayHtml } from '../../src/inspect/replay-page.js';
import { serveReplay, type ReplayServer } from '../../src/inspect/serve-replay.js';
import { embedJson } from '../../src/inspect/viewer-page.js';
import type { DeviceAuthTrace } from '../../src/record/trace.types.js';
import { hostileTrace } from './support/hostile-trace.js';

function rawRequest(url: string, options: { method?: string; host?: string; path?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, path: options.path ?? '/', method: options.method ?? 'GET', headers: options.host ? { Host: options.host } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject).end();
  });
}

/** The JSON embedded in a replay page, parsed as the page's script parses it. */
function embedded(html: string): { trace: DeviceAuthTrace; warning: string | null } {
  const match = /<script type="application\/json" id="replay-data">([^<]*)<\/script>/.exec(html);
  expect(match, 'the replay data element').not.toBeNull();
  return JSON.parse(match![1]!) as { trace: DeviceAuthTrace; warning: string | null };
}

describe('embedJson', () => {
  it('leaves nothing that can end a script element or start a comment, and parses back to the value', () => {
    const value = { text: '</script><!-- & \u2028\u2029 >' };
    const json = embedJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('replayHtml', () => {
  it('is one self-contained file: diagram inline, trace as inert data, a policy in the page that allows no connection', async () => {
    const html = await replayHtml(hostileTrace());
    const policy = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replaceAll('&#39;', "'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('connect-src');
    expect(policy).not.toContain('frame-ancestors');
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('<title>deviceAuth.awaitingUser.waiting</title>');
    expect(html).not.toMatch(/<script[^>]+src=|<link|@import|url\(/i);
    // Exactly two script elements: the data and the viewer. The trace's text cannot close the first.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toMatch(/<img|<!-- <|\u2028/);
    const data = embedded(html);
    expect((data.trace.steps[1] as unknown as { event: { note: string } }).event.note).toContain('</script><script>window.pwned=1</script>');
    // Redacted once more: a secret-named value left in by hand does not reach the page.
    expect(html).not.toContain('left-in-by-hand-0123456789');
    expect(data.warning).toBeNull();
  });

  it('carries the warning naming both versions for a trace from another version', async () => {
    const data = embedded(await replayHtml(hostileTrace('0.0.1'), { currentVersion: '9.9.9' }));
    expect(data.warning).toMatch(/recorded by device-auth-machine 0\.0\.1 and is replayed by 9\.9\.9/);
  });

  it('refuses what is not a trace, naming what is wrong', async () => {
    const broken = { ...hostileTrace(), steps: [{ type: '@xstate.actor', seq: 1, time: 'then' }] } as unknown as DeviceAuthTrace;
    await expect(replayHtml(broken)).rejects.toThrow(/"steps\[0\]\.time" must be a finite number/);
  });
});

describe('serveReplay', () => {
  let replay: ReplayServer | undefined;
  afterEach(async () => {
    await replay?.close();
  });

  it('serves the replay on 127.0.0.1 under a policy without connect-src, a fresh nonce per page', async () => {
    replay = await serveReplay({ trace: hostileTrace('0.0.1') });
    expect(replay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(replay.diagram).toBe('shipped');
    expect(replay.warning).toMatch(/0\.0\.1 and is replayed by /);
    const response = await fetch(replay.url);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('connect-src');
    expect(policy).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(embedded(html).warning).toBe(replay.warning);
    expect((await fetch(replay.url)).headers.get('content-security-policy')).not.toBe(policy);
  });

  it('answers only requests addressed to it, only GET and HEAD, and has no event stream', async () => {
    replay = await serveReplay({ trace: hostileTrace() });
    expect((await rawRequest(replay.url, { host: `attacker.example:${replay.port}` })).status).toBe(421);
    expect((await rawRequest(replay.url, { method: 'POST' })).status).toBe(405);
    expect((await rawRequest(replay.url, { method: 'HEAD' })).body).toBe('');
    expect((await fetch(`${replay.url}events`)).status).toBe(404);
  });
});

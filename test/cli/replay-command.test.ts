/**
 * `device-auth replay FILE`: a trace that is not one fails with exit 1 and one line naming what is
 * wrong (no stack trace); another version's trace is replayed with a warning naming both
 * versions; `--html OUT` writes one self-contained page; without it the replay is served on
 * 127.0.0.1 until Ctrl-C. Waits are on the command's output and exit.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { hostileTrace } from '../inspect/support/hostile-trace.js';
import { runCli } from '../support/run-cli.js';

describe('device-auth replay', () => {
  let dir: string;
  let traceFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-replay-'));
    traceFile = join(dir, 'trace.json');
    await writeFile(traceFile, JSON.stringify(hostileTrace(), null, 2));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length - 40), /it is not valid JSON \(.+\); the file looks cut short\./],
    ['empty', () => '', /the file is empty\./],
    ['another format', () => '{"format":"har","log":{}}', /its "format" is "har", not "device-auth-trace"/],
    ['a newer format version', (text: string) => text.replace('"version": 1', '"version": 7'), /format version 7, and this device-auth-machine reads version 1/],
    ['a field of the wrong type', (text: string) => text.replace('"seq": 2', '"seq": "2"'), /"steps\[1\]\.seq" must be a whole number from 1 to \d+, not "2"/],
  ])('a file that is %s: exit 1, the reason named, no stack trace', async (_name, spoil, reason) => {
    await writeFile(traceFile, spoil(await readFile(traceFile, 'utf8')));
    const { code, stdout, stderr } = await runCli(['replay', traceFile, '--html', join(dir, 'out.html')]).exit;
    expect(code).toBe(EXIT.failed);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^device-auth: Cannot replay ${traceFile}: Not a readable device-auth trace: `));
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('usage errors: no file, two files, a file that is not there, --html and --port together', async () => {
    expect((await runCli(['replay']).exit).code).toBe(EXIT.usage);
    expect((await runCli(['replay', traceFile, traceFile]).exit).stderr).toContain('one trace file at a time');
    const missing = await runCli(['replay', join(dir, 'nope.json')]).exit;
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('no such file');
    expect((await runCli(['replay', traceFile, '--html', join(dir, 'x.html'), '--port', '0']).exit).code).toBe(EXIT.usage);
  });

  it('--html OUT writes one self-contained page, mode 0600; another version\'s trace warns naming both versions', async () => {
    await writeFile(traceFile, JSON.stringify(hostileTrace('0.0.1')));
    const out = join(dir, 'replay.html');
    const { code, stdout, stderr } = await runCli(['replay', traceFile, '--html', out]).exit;
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain(`written to ${out}`);
    expect(stderr).toBe(
      `device-auth: warning: This trace was recorded by device-auth-machine 0.0.1 and is replayed by ${LIBRARY_VERSION}: the diagram is this version's, so states that changed in between may not be highlighted.\n`,
    );
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<script type="application/json" id="replay-data">');
    expect(html).toContain('<title>deviceAuth.requesting</title>');
    expect(html).not.toMatch(/<script[^>]+src=|<link/);
  });

  it('serves the replay on 127.0.0.1 until Ctrl-C, then exits 0', async () => {
    const run = runCli(['replay', traceFile]);
    const line = await run.waitForLine((text) => text.startsWith('Replay of '));
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).not.toContain('connect-src');
    expect(await page.text()).toContain('id="replay-data"');
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(EXIT.ok);
  });
});

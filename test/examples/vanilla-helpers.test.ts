/**
 * The framework-free helpers every example widget uses (examples/shared) and the examples' build
 * and static server (scripts/examples), without a browser.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCountdown, spokenCountdown } from '../../examples/shared/countdown.js';
import { numberParam, readPageConfig } from '../../examples/shared/page-config.js';
import { OUTCOMES, outcomeOf, showsCode, verificationHref } from '../../examples/shared/phases.js';
import { qrCodeLabel, qrCodeSvg } from '../../examples/shared/qr-code.js';
import { bundleExample, findExamples } from '../../scripts/examples/build.js';
import { exampleUrl, fileUrl, serveStatic, type StaticServer } from '../../scripts/examples/static-server.js';
import type { SignInPhase } from '../../src/index.js';

describe('countdown', () => {
  it.each([
    [581, '9:41 left', '9 minutes 41 seconds left'],
    [60, '1:00 left', '1 minute left'],
    [61, '1:01 left', '1 minute 1 second left'],
    [5, '0:05 left', '5 seconds left'],
    [0, '0:00 left', '0 seconds left'],
    [-3, '0:00 left', '0 seconds left'],
  ])('%d s → %s', (seconds, shown, spoken) => {
    expect(formatCountdown(seconds)).toBe(shown);
    expect(spokenCountdown(seconds)).toBe(spoken);
  });

  it('shows nothing without a code', () => {
    expect(formatCountdown(null)).toBe('');
    expect(spokenCountdown(null)).toBe('');
  });
});

describe('page configuration from the URL', () => {
  it('defaults to the page origin and the mock client', () => {
    expect(readPageConfig({ href: 'http://127.0.0.1:5000/vanilla/' })).toEqual({
      server: 'http://127.0.0.1:5000',
      clientId: 'mock-client-id',
      clientSecret: 'mock-client-secret',
    });
  });

  it('reads server (its origin only), clientId and clientSecret', () => {
    const href = 'http://127.0.0.1:5000/vanilla/?server=http://127.0.0.1:8080/ignored/path&clientId=app&clientSecret=s3';
    expect(readPageConfig({ href })).toEqual({ server: 'http://127.0.0.1:8080', clientId: 'app', clientSecret: 's3' });
  });

  it('a page opened from disk must name its server', () => {
    expect(() => readPageConfig({ href: 'file:///tmp/vanilla/index.html' })).toThrow(/open it with \?server=/);
    expect(readPageConfig({ href: 'file:///tmp/vanilla/index.html?server=http://localhost:9' }).server).toBe('http://localhost:9');
  });

  it('numbers: positive finite values only, else the fallback', () => {
    const at = (query: string) => ({ href: `file:///demo/index.html${query}` });
    expect(numberParam(at('?interval=0.25'), 'interval', 1)).toBe(0.25);
    expect(numberParam(at(''), 'interval', 1)).toBe(1);
    for (const bad of ['0', '-1', 'abc', 'Infinity']) expect(numberParam(at(`?interval=${bad}`), 'interval', 1)).toBe(1);
  });
});

describe('phases', () => {
  const codePhases: SignInPhase[] = ['showingCode', 'slowedDown', 'retrying'];
  const others: SignInPhase[] = ['idle', 'requesting', 'signedIn', 'denied', 'expired', 'alreadyUsed', 'invalidCode', 'failed', 'cancelled'];

  it('the code is on screen in the code phases only', () => {
    for (const phase of codePhases) expect(showsCode(phase)).toBe(true);
    for (const phase of others) expect(showsCode(phase)).toBe(false);
  });

  it('every ending has an outcome screen; the flow in progress has none', () => {
    expect(Object.keys(OUTCOMES).sort()).toEqual(others.filter((phase) => phase !== 'idle' && phase !== 'requesting').sort());
    expect(outcomeOf('signedIn')).toEqual({ title: 'Signed in', tone: 'success' });
    expect(outcomeOf('cancelled')?.tone).toBe('stopped');
    for (const phase of ['idle', 'requesting', ...codePhases] as SignInPhase[]) expect(outcomeOf(phase)).toBeUndefined();
  });

  it('the link opens the complete URL when there is one', () => {
    expect(verificationHref({ verificationUrl: 'https://x/activate', verificationUrlComplete: 'https://x/activate/AB' })).toBe('https://x/activate/AB');
    expect(verificationHref({ verificationUrl: 'https://x/activate', verificationUrlComplete: null })).toBe('https://x/activate');
    expect(verificationHref({ verificationUrl: null, verificationUrlComplete: null })).toBeNull();
  });
});

describe('QR code', () => {
  const url = 'http://127.0.0.1:8080/activate/WDJB4KQX';

  it('is an accessible inline SVG of exactly the modules qrcode computes, with a quiet zone', () => {
    const svg = qrCodeSvg(url, qrCodeLabel(url));
    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let index = 0; index < modules.data.length; index += 1) dark += modules.data[index]! ? 1 : 0;
    expect(svg).toMatch(/^<svg [^>]*data-part="qr" role="img" aria-label="QR code of http:\/\/127\.0\.0\.1:8080\/activate\/WDJB4KQX: scan it to open the page on your phone"/);
    expect(svg).toContain(`viewBox="0 0 ${modules.size + 8} ${modules.size + 8}"`);
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(dark);
    expect(svg).toContain('M4 4h1v1h-1z'); // the top-left finder pattern starts after the quiet zone
  });

  it('escapes its label', () => {
    expect(qrCodeSvg(url, 'a "quoted" <label> & more')).toContain('aria-label="a &quot;quoted&quot; &lt;label&gt; &amp; more"');
  });
});

describe('the examples build', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-bundle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the vanilla example and the demo', async () => {
    const names = (await findExamples()).map((example) => example.name);
    expect(names).toEqual(expect.arrayContaining(['demo', 'vanilla']));
    expect(names).not.toContain('shared');
  });

  it('resolves the public entries to the sources, as one IIFE script', async () => {
    const entry = join(dir, 'main.ts');
    await writeFile(entry, "import { createSignInView } from 'device-auth-machine';\nimport { createMockFetch } from 'device-auth-machine/mock/fetch';\nconsole.log(typeof createSignInView, typeof createMockFetch);\n");
    await writeFile(join(dir, 'index.html'), '<!doctype html><script src="main.js"></script>');
    const out = join(dir, 'out');
    await bundleExample(entry, out);
    const script = await readFile(join(out, 'main.js'), 'utf8');
    expect(script).toMatch(/^(?:"use strict";\n)?\(\(\) => \{\n/); // an IIFE: no import or export, so file:// pages run it
    expect(script).toContain('function createSignInView(');
    expect(script).not.toMatch(/from\s+["']node:/);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('main.js');
  });

  it.each(['device-auth-machine/mock', 'device-auth-machine/src/view/sign-in-view.js', 'device-auth-machine/node'])('refuses %s: examples import the public browser entries only', async (name) => {
    const entry = join(dir, 'internal.ts');
    await writeFile(entry, `import * as internal from '${name}';\nconsole.log(internal);\n`);
    await expect(bundleExample(entry, join(dir, 'refused'))).rejects.toMatchObject({
      errors: [expect.objectContaining({ text: `examples import only device-auth-machine and device-auth-machine/mock/fetch; "${name}" is not one of them` })],
    });
  });
});

describe('the static server', () => {
  let root: string;
  let server: StaticServer;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'device-auth-static-'));
    await mkdir(join(root, 'site', 'vanilla'), { recursive: true });
    await writeFile(join(root, 'site', 'vanilla', 'index.html'), '<p>vanilla</p>');
    await writeFile(join(root, 'site', 'vanilla', 'main.js'), 'void 0;');
    await writeFile(join(root, 'secret.txt'), 'outside the root');
    server = await serveStatic(join(root, 'site'));
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves an example folder, its files with their types, and nothing above its root', async () => {
    const page = await fetch(`${server.url}/vanilla/`);
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([200, 'text/html; charset=utf-8', '<p>vanilla</p>']);
    expect((await fetch(`${server.url}/vanilla/main.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const folder = await fetch(`${server.url}/vanilla?x=1`, { redirect: 'manual' });
    expect([folder.status, folder.headers.get('location')]).toEqual([301, '/vanilla/']);
    expect((await fetch(`${server.url}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/vanilla/..%2f..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/vanilla/`, { method: 'POST' })).status).toBe(405);
  });

  it('prints readable example URLs', () => {
    expect(exampleUrl('http://127.0.0.1:5000', 'vanilla', { server: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:5000/vanilla/?server=http://127.0.0.1:8080');
    expect(exampleUrl('http://127.0.0.1:5000', 'demo')).toBe('http://127.0.0.1:5000/demo/');
    expect(fileUrl('/tmp/a b/demo/index.html', { interval: '0.25', x: 'a&b' })).toBe('file:///tmp/a%20b/demo/index.html?interval=0.25&x=a%26b');
  });
});

/**
 * `device-auth-machine/mock/fetch` runs where there is no Node: nothing reachable from its entry
 * imports a `node:` module or a package, and its bundle, run in a bare JavaScript context holding
 * only Web APIs (no `Buffer`, no `process`, no `require`), signs a device in.
 */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reachableFrom, readImportGraph } from '../package/support/import-graph.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'src/mock/fetch.ts';

describe('the in-memory mock is browser-safe', () => {
  it('reaches no node: module and no package from its entry', () => {
    const graph = readImportGraph(root);
    const reached = [...reachableFrom(graph, ENTRY)];
    expect(reached).toContain('src/mock/handler.ts');
    expect(reached.flatMap((path) => graph.get(path)!.external.map((name) => `${path} imports ${name}`))).toEqual([]);
    expect(reached.filter((path) => !path.startsWith('src/mock/') && !path.startsWith('src/core/'))).toEqual([]);
  });

  it('bundles for the browser and signs in inside a context that has only Web APIs', async () => {
    const bundle = await build({
      entryPoints: [`${root}${ENTRY}`],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'mockFetchEntry',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    const web = {
      crypto: globalThis.crypto,
      Request,
      Response,
      Headers,
      URL,
      URLSearchParams,
      TextEncoder,
      TextDecoder,
      AbortController,
      AbortSignal,
      DOMException,
      Event,
      EventTarget,
      setTimeout,
      clearTimeout,
      queueMicrotask,
    };
    const context: Record<string, unknown> = { ...web };
    const entry = runInNewContext(`${code}\nmockFetchEntry`, context) as typeof import('../../src/mock/fetch.js');
    expect(runInNewContext('[typeof Buffer, typeof process, typeof require, typeof global]', context)).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);

    const mock = entry.createMockFetch({ interval: 0.01 });
    const headers = { 'Content-Type': 'application/json', 'trakt-api-key': mock.clientId, 'trakt-api-version': '2', 'User-Agent': 'browser-test/1.0' };
    const codes = (await (await mock.fetch(`${mock.url}/oauth/device/code`, { method: 'POST', headers, body: JSON.stringify({ client_id: mock.clientId }) })).json()) as {
      device_code: string;
      user_code: string;
    };
    expect(codes.user_code).toMatch(new RegExp(`^[${entry.USER_CODE_ALPHABET}]{${entry.USER_CODE_LENGTH}}$`));
    expect(mock.approve(codes.user_code)).toBe('approved');
    const token = await mock.fetch(`${mock.url}/oauth/device/token`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: codes.device_code, client_id: mock.clientId, client_secret: mock.clientSecret }),
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ token_type: 'bearer', access_token: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await mock.fetch(`${mock.url}/activate`)).status).toBe(200);
  });
});

/**
 * The README is the contract: its library quick start, pasted into a new file inside a project
 * that depends on this package, signs in (here against the embedded server), and the built `bin`
 * runs. Builds the package once with `npm run build`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { PROJECT_ROOT, cleanEnv, watch } from '../support/run-cli.js';

const run = promisify(execFile);

/** The first ```ts block under the given README heading. */
async function readmeBlock(heading: string): Promise<string> {
  const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`no ts block under ${heading}`);
  return match[1]!;
}

describe('the built package', () => {
  let server: MockServer;
  beforeAll(async () => {
    await run('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT });
    server = await startMockServer({ interval: 0.05, autoApproveAfterPolls: 1 });
  }, 120_000);
  afterAll(() => server?.close());

  it('the README quick start works when pasted into a new file', async () => {
    const code = await readmeBlock('## Quick start (library)');
    expect(code).toContain("from 'device-auth-machine'");
    const dir = join(PROJECT_ROOT, 'test-results', 'quick-start');
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'sign-in.ts');
    await writeFile(file, code);
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: dir,
      env: cleanEnv({ TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code: exit, stdout, stderr } = await watch(child).exit;
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    expect(stdout).toMatch(new RegExp(`Open ${server.url}/activate and enter [A-Z0-9]{8}`));
    expect(stdout).toMatch(/Signed in as bearer; expires \d{4}-/);
    expect(server.log.at(-1)?.headers['user-agent']).toBe('my-tv-app/1.0.0');
  });

  it('the bin runs from dist', async () => {
    const { stdout } = await run(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), '--version']);
    expect(stdout).toBe(`${LIBRARY_VERSION}\n`);
  });
});

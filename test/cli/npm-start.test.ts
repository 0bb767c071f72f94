import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, cleanEnv, watch } from '../support/run-cli.js';

describe('npm start', () => {
  it('shows a complete sign-in offline and says how to sign in to the real Trakt', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = watch(spawn(npm, ['start', '--silent'], { cwd: PROJECT_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
    const { code, stdout, stderr } = await run.exit;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(stdout).toMatch(/embedded Trakt-compatible server runs at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/activate and enter the code: [A-Z0-9]{8}/);
    expect(stdout).toMatch(/\(demo\) The person opened the page, typed [A-Z0-9]{8} and pressed Approve\./);
    expect(stdout).toMatch(/Signed in\. Token saved to .*token\.json/);
    expect(lines.slice(-4).join('\n')).toContain('To sign in to the real Trakt');
    expect(lines.at(-1)).toContain('npx device-auth-machine login');
  });
});

/**
 * `device-auth demo` (what `npm start` runs): the whole sign-in offline. Starts the embedded
 * Trakt-compatible server, signs in against it with the same screen a real login shows, plays
 * the person by approving on the activation page after a couple of polls, and saves the token
 * to a temporary file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '../../mock/index.js';
import { CLI_USER_AGENT } from '../credentials.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { parseFlags, text } from '../parse.js';
import { RECORD_OPTIONS } from '../record-option.js';
import { INSPECT_OPTIONS, inspectOption, runLogin } from './login.js';

/** Polls before the demo's "person" approves. */
export const DEMO_APPROVE_AFTER_POLLS = 2;

/** Runs the demo and returns the exit code. */
export async function runDemo(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const flags = parseFlags('demo', args, { json: { type: 'boolean' }, 'no-qr': { type: 'boolean' }, ...INSPECT_OPTIONS, ...RECORD_OPTIONS });
  if (flags.help) return 'help';
  const json = flags.json === true;
  const note = (line: string) => (json ? undefined : io.stdout.write(`${line}\n`));
  const server = await startMockServer({ interval: 1, expiresIn: 120 });
  let tokenDir: string | undefined;
  try {
    note(`Demo: an embedded Trakt-compatible server runs at ${server.url} (offline, no account needed).`);
    note(`I will play the person: after ${DEMO_APPROVE_AFTER_POLLS} polls I approve the code on ${server.url}/activate.`);
    let narrate: (line: string) => void = () => undefined;
    server.on('poll', (poll) => {
      if (poll.userCode && poll.outcome === 'pending' && poll.polls === DEMO_APPROVE_AFTER_POLLS) {
        approveOnPage(server.url, poll.userCode).then(
          () => narrate(`(demo) The person opened the page, typed ${poll.userCode} and pressed Approve.`),
          (error: unknown) => narrate(`(demo) Could not approve on the page: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    });
    tokenDir = await mkdtemp(join(tmpdir(), 'device-auth-demo-'));
    const tokenFile = join(tokenDir, 'token.json');
    const code = await runLogin(
      {
        provider: {
          name: 'trakt',
          label: 'Trakt',
          settings: { clientId: 'mock-client-id', clientSecret: 'mock-client-secret', baseUrl: server.url, userAgent: CLI_USER_AGENT },
        },
        tokenFile,
        json,
        qr: flags['no-qr'] !== true,
        inspect: demoInspect(inspectOption(flags)),
        record: text(flags.record),
        attach: (view) => (narrate = (line) => view.note(line)),
      },
      io,
    );
    if (code === EXIT.ok) {
      note('(The demo token is a mock token; its temporary file is removed now.)');
      note('');
      note('That was the whole flow, offline. To sign in to the real Trakt:');
      note('  1. Create an app at https://trakt.tv/oauth/applications (redirect URI: urn:ietf:wg:oauth:2.0:oob)');
      note('  2. export TRAKT_CLIENT_ID=… TRAKT_CLIENT_SECRET=…');
      note('  3. npx device-auth-machine login      (in this repository: npm run device-auth -- login)');
    }
    return code;
  } finally {
    await server.close();
    if (tokenDir) await rm(tokenDir, { recursive: true, force: true });
  }
}

/** With `--inspect`, the demo waits for the viewer page before it starts: it lasts seconds. */
function demoInspect(inspect: { port: number } | undefined) {
  return inspect === undefined ? undefined : { ...inspect, waitForViewer: true };
}

/** `<input type="hidden" name="…" value="…">` as the mock's page writes them. */
const HIDDEN_INPUT = /<input\s+type="hidden"\s+name="([^"]*)"\s+value="([^"]*)"\s*\/?>/g;

/** The few entities an attribute value written by `escapeHtml` can hold. */
function unescapeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" })[entity] ?? entity);
}

/**
 * Submits the activation page's form as a person's browser would: opens the page, keeps the
 * form's hidden fields (the page's form token, without which the mock refuses the post), types
 * the code and presses Approve.
 */
async function approveOnPage(baseUrl: string, userCode: string): Promise<void> {
  const page = await fetch(`${baseUrl}/activate`);
  if (!page.ok) throw new Error(`the activation page answered HTTP ${page.status}`);
  const form = new URLSearchParams();
  for (const [, name, value] of (await page.text()).matchAll(HIDDEN_INPUT)) form.append(unescapeAttribute(name!), unescapeAttribute(value!));
  form.append('user_code', userCode);
  form.append('decision', 'approve');
  const response = await fetch(`${baseUrl}/activate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (!response.ok) throw new Error(`the activation page answered HTTP ${response.status}`);
}

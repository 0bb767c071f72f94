/** `device-auth mock`: runs the embedded server (Trakt's dialect, or `--dialect rfc8628`) until Ctrl-C. */
import { startMockServer, type MockDialectName, type MockServer } from '../../mock/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { number, parseFlags } from '../parse.js';
import { UsageError } from '../usage-error.js';

/** Every dialect the mock speaks (the type makes this list complete). */
const DIALECTS = { trakt: true, rfc8628: true } as const satisfies Record<MockDialectName, true>;

/** The `--dialect` flag: undefined when absent, else a dialect name, or a usage error naming them. */
function dialectFlag(value: string | boolean | undefined): MockDialectName | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value === 'string' && Object.hasOwn(DIALECTS, value)) return value as MockDialectName;
  throw new UsageError(`--dialect must be ${Object.keys(DIALECTS).join(' or ')} (got "${String(value)}").`);
}

/** What the server says it is and how to sign in against it, per dialect. */
function banner(server: MockServer): string {
  const client = `  client id: ${server.clientId}   client secret: ${server.clientSecret}\n`;
  const approve = `  approve codes at ${server.url}/activate\n`;
  if (server.dialect === 'rfc8628') {
    return (
      `RFC 8628 server listening on ${server.url}\n` +
      client +
      approve +
      `  issuer:    ${server.url} (metadata at /.well-known/oauth-authorization-server; endpoints /device_authorization, /token, /revoke;\n` +
      '             GitHub paths /login/device/code and /login/oauth/access_token too)\n' +
      `  sign in:   device-auth login --provider rfc8628 --issuer ${server.url} --client-id ${server.clientId}\n`
    );
  }
  return (
    `Trakt-compatible server listening on ${server.url}\n` +
    client +
    approve +
    `  sign in:   device-auth login --base-url ${server.url} --client-id ${server.clientId} --client-secret ${server.clientSecret}\n`
  );
}

/** Runs the mock server; resolves with the exit code once interrupted. */
export async function runMock(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const flags = parseFlags('mock', args, {
    port: { type: 'string' },
    interval: { type: 'string' },
    'expires-in': { type: 'string' },
    'auto-approve-after': { type: 'string' },
    'auto-deny-after': { type: 'string' },
    'fault-rate': { type: 'string' },
    dialect: { type: 'string' },
  });
  if (flags.help) return 'help';
  const server = await startMockServer({
    port: number('port', flags.port, { max: 65_535, integer: true }),
    interval: number('interval', flags.interval, { min: 0.001 }),
    expiresIn: number('expires-in', flags['expires-in'], { min: 0.001 }),
    autoApproveAfterPolls: number('auto-approve-after', flags['auto-approve-after'], { integer: true }),
    autoDenyAfterPolls: number('auto-deny-after', flags['auto-deny-after'], { integer: true }),
    faultRate: number('fault-rate', flags['fault-rate'], { max: 1 }),
    dialect: dialectFlag(flags.dialect),
  });
  io.stdout.write(`${banner(server)}Press Ctrl-C to stop. Requests are listed below (secrets left out).\n`);
  server.on('request', (entry) => io.stdout.write(`${new Date(entry.time).toISOString()} ${entry.method} ${entry.path} → ${entry.status === 0 ? 'dropped' : entry.status}\n`));
  await new Promise<void>((resolve) => {
    const remove = io.onInterrupt(() => {
      remove();
      resolve();
    });
  });
  await server.close();
  return EXIT.ok;
}

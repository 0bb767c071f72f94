/** `device-auth mock`: runs the embedded Trakt-compatible server until Ctrl-C. */
import { startMockServer } from '../../mock/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { number, parseFlags } from '../parse.js';

/** Runs the mock server; resolves with the exit code once interrupted. */
export async function runMock(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const flags = parseFlags('mock', args, {
    port: { type: 'string' },
    interval: { type: 'string' },
    'expires-in': { type: 'string' },
    'auto-approve-after': { type: 'string' },
    'auto-deny-after': { type: 'string' },
    'fault-rate': { type: 'string' },
  });
  if (flags.help) return 'help';
  const server = await startMockServer({
    port: number('port', flags.port, { max: 65_535, integer: true }),
    interval: number('interval', flags.interval, { min: 0.001 }),
    expiresIn: number('expires-in', flags['expires-in'], { min: 0.001 }),
    autoApproveAfterPolls: number('auto-approve-after', flags['auto-approve-after'], { integer: true }),
    autoDenyAfterPolls: number('auto-deny-after', flags['auto-deny-after'], { integer: true }),
    faultRate: number('fault-rate', flags['fault-rate'], { max: 1 }),
  });
  io.stdout.write(
    `Trakt-compatible server listening on ${server.url}\n` +
      `  client id: mock-client-id   client secret: mock-client-secret\n` +
      `  approve codes at ${server.url}/activate\n` +
      `  sign in:   device-auth login --base-url ${server.url} --client-id mock-client-id --client-secret mock-client-secret\n` +
      'Press Ctrl-C to stop. Requests are listed below (secrets left out).\n',
  );
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

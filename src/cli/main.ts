#!/usr/bin/env node
/**
 * `device-auth`: the command line. Dispatches to a command, maps every expected failure to a
 * message and an exit code (no stack traces), and exits.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeviceAuthError } from '../index.js';
import { LIBRARY_VERSION } from '../index.js';
import { runDemo } from './commands/demo.js';
import { loginConfig, runLogin } from './commands/login.js';
import { runLogout } from './commands/logout.js';
import { runMock } from './commands/mock.js';
import { runRefresh } from './commands/refresh.js';
import { runReplay } from './commands/replay.js';
import { runStatus } from './commands/status.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { DEMO_HELP, LOGIN_HELP, LOGOUT_HELP, MAIN_HELP, MOCK_HELP, REFRESH_HELP, REPLAY_HELP, STATUS_HELP } from './help.js';
import { ensureScrubbing, processIo, rawFlagValue, type CliIo } from './io.js';
import { UsageError } from './usage-error.js';
import { safeText } from './views/safe-text.js';

type Command = (args: string[], io: CliIo) => Promise<ExitCode | 'help'>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  login: {
    run: async (args, io) => {
      const config = loginConfig(args, io.env);
      return config === 'help' ? 'help' : runLogin(config, io);
    },
    help: LOGIN_HELP,
  },
  status: { run: (args, io) => runStatus(args, io), help: STATUS_HELP },
  refresh: { run: runRefresh, help: REFRESH_HELP },
  logout: { run: runLogout, help: LOGOUT_HELP },
  demo: { run: runDemo, help: DEMO_HELP },
  mock: { run: runMock, help: MOCK_HELP },
  replay: { run: runReplay, help: REPLAY_HELP },
};

/** Runs the command line with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], rawIo: CliIo = processIo()): Promise<ExitCode> {
  // One redactor for the whole run: it knows the client secret and learns the device code and tokens.
  const io = ensureScrubbing(rawIo, outputSecretsOf(argv, rawIo));
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${LIBRARY_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    const result = await command.run(args, io);
    if (result === 'help') io.stdout.write(command.help);
    return result === 'help' ? EXIT.ok : result;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`device-auth: ${safeText(error.message)}\nRun "device-auth ${command ? `${safeText(name)} ` : ''}--help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof DeviceAuthError) {
      // Its message may quote a server: printed inert, and scrubbed of every secret learned so far.
      io.stderr.write(`device-auth: ${safeText(error.message)}\n`);
      return error.code === 'CONFIGURATION' ? EXIT.usage : EXIT.failed;
    }
    throw error;
  }
}

/** The secrets known before anything runs: the client secret from the environment or the raw flag. */
function outputSecretsOf(argv: string[], io: CliIo): Array<string | undefined> {
  return [io.env.TRAKT_CLIENT_SECRET, rawFlagValue(argv, '--client-secret')];
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  const argv = process.argv.slice(2);
  const raw = processIo();
  // Scrubbed here, so even an unexpected error is printed without the secrets learned so far.
  const io = ensureScrubbing(raw, outputSecretsOf(argv, raw));
  main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.stderr.write(`device-auth: unexpected error: ${safeText(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}

/**
 * What `status`, `refresh` and `logout` share: the same flags as `login` (without the screen
 * options), the token file, and one way to print a result as a line of text or of JSON.
 */
import { defaultTokenPath, createFileTokenStore } from '../../services/file-token-store.js';
import type { TokenStore } from '../../services/token-store.js';
import { redact } from '../../inspect/redact.js';
import { traktSettings, type TraktSettings } from '../credentials.js';
import type { CliIo } from '../io.js';
import { parseFlags, text } from '../parse.js';

/** Flags of the token commands. */
export const TOKEN_COMMAND_OPTIONS = {
  'base-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'token-file': { type: 'string' },
  'user-agent': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A token command's parsed configuration. */
export interface TokenCommandConfig {
  tokenFile: string;
  store: TokenStore;
  json: boolean;
  /** Trakt settings; `undefined` when credentials are missing and the command can do without. */
  settings: TraktSettings | undefined;
  /** Prints a result: a JSON line (redacted) with `--json`, else the text. */
  report(json: object, text: string, stream?: 'stdout' | 'stderr'): void;
}

/** Parses the flags; `requireCredentials` turns missing credentials into a usage error. */
export function tokenCommandConfig(command: string, args: string[], io: CliIo, requireCredentials: boolean): TokenCommandConfig | 'help' {
  const flags = parseFlags(command, args, TOKEN_COMMAND_OPTIONS);
  if (flags.help) return 'help';
  const settingsFlags = {
    'client-id': text(flags['client-id']),
    'client-secret': text(flags['client-secret']),
    'base-url': text(flags['base-url']),
    'user-agent': text(flags['user-agent']),
  };
  const haveCredentials = Boolean((settingsFlags['client-id'] ?? io.env.TRAKT_CLIENT_ID) && (settingsFlags['client-secret'] ?? io.env.TRAKT_CLIENT_SECRET));
  const settings = requireCredentials || haveCredentials ? traktSettings(settingsFlags, io.env) : undefined;
  const tokenFile = text(flags['token-file']) ?? defaultTokenPath(io.env);
  const json = flags.json === true;
  const secrets = settings ? [settings.clientSecret] : [];
  const store = createFileTokenStore({
    path: tokenFile,
    onWarning: (warning) => io.stderr.write(`device-auth: ${warning.message}\n`),
  });
  return {
    tokenFile,
    store,
    json,
    settings,
    report(value, line, stream = 'stdout') {
      if (json) io.stdout.write(`${JSON.stringify(redact(value, { secrets }))}\n`);
      else io[stream].write(`${line}\n`);
    },
  };
}

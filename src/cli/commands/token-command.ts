/**
 * What `status`, `refresh` and `logout` share: the same flags as `login` (without the screen
 * options), the token file, and one way to print a result as a line of text or of JSON.
 */
import { defaultTokenPath } from '../../node.js';
import type { TokenStore } from '../../index.js';
import { redact } from '../../index.js';
import { CONNECTION_OPTIONS, hasCredentials, settingsFlags, traktSettings, type TraktSettings } from '../credentials.js';
import { openTokenStore, outputSecrets, type CliIo } from '../io.js';
import { parseFlags, text } from '../parse.js';


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
  const flags = parseFlags(command, args, CONNECTION_OPTIONS);
  if (flags.help) return 'help';
  const given = settingsFlags(flags);
  const settings = requireCredentials || hasCredentials(given, io.env) ? traktSettings(given, io.env) : undefined;
  const tokenFile = text(flags['token-file']) ?? defaultTokenPath(io.env);
  const json = flags.json === true;
  const secrets = outputSecrets([settings?.clientSecret]);
  const store = openTokenStore(io, tokenFile);
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

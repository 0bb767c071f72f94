/**
 * What `status`, `refresh` and `logout` share: the same flags as `login` (without the screen
 * options), the token file, and one way to print a result as a line of text or of JSON.
 */
import { createSession, createTraktSessionServices } from '../../index.js';
import type { FetchLike, Session, TokenStore } from '../../index.js';
import { CONNECTION_OPTIONS, settingsFlags } from '../credentials.js';
import { recordedProvider, type CliProvider } from '../provider.js';
import { ensureScrubbing, openTokenStore, type CliIo, type ScrubbedIo } from '../io.js';
import { learnToken } from '../learn-secrets.js';
import { parseFlags, text } from '../parse.js';
import { checkTokenFileKind, tokenFilePath } from '../token-file-check.js';
import { safeJsonLine, safeLines } from '../views/safe-text.js';

/** A token command's parsed configuration. */
export interface TokenCommandConfig {
  tokenFile: string;
  /** The token file; every token read from it or written to it is learned as a secret for the output. */
  store: TokenStore;
  json: boolean;
  /**
   * The provider the token file belongs to (its record; none: Trakt) with the credentials given;
   * `undefined` when credentials are missing and the command can do without.
   */
  provider: CliProvider | undefined;
  /** The token file's provider by name (`trakt` for a file without a record), known even without credentials. */
  providerName: string;
  /**
   * Prints a result: a JSON line (redacted) on stdout with `--json`, else the text on `stream`.
   * A result meant for stderr (a failure) is also printed there as text with `--json`, so a
   * pipe into `jq` still shows why. Build `text` from `safeText` fragments where it quotes a server.
   */
  report(json: object, text: string, stream?: 'stdout' | 'stderr'): void;
}

/** `store`, teaching the output redactor every token that passes through it. */
function learningStore(store: TokenStore, io: ScrubbedIo): TokenStore {
  return {
    get: async () => {
      const token = await store.get();
      learnToken(io, token);
      return token;
    },
    set: (token) => {
      learnToken(io, token);
      return store.set(token);
    },
    delete: () => store.delete(),
  };
}

/**
 * Parses the flags and checks the token file (not a directory, device or FIFO: usage error,
 * before anything opens it); `requireCredentials` turns missing credentials into a usage error.
 */
export async function tokenCommandConfig(command: string, args: string[], rawIo: CliIo, requireCredentials: boolean): Promise<TokenCommandConfig | 'help'> {
  const flags = parseFlags(command, args, CONNECTION_OPTIONS);
  if (flags.help) return 'help';
  const given = settingsFlags(flags);
  const tokenFile = tokenFilePath(text(flags['token-file']), rawIo.env);
  await checkTokenFileKind(tokenFile);
  const json = flags.json === true;
  const io = ensureScrubbing(rawIo, [given['client-secret'] ?? rawIo.env.TRAKT_CLIENT_SECRET]);
  // Which provider the token belongs to is in the file (a file from before providers were recorded is Trakt's).
  const record = await openTokenStore(io, tokenFile).readProvider?.();
  const provider = recordedProvider(record, given, rawIo.env, requireCredentials);
  // Opened with that record, so a refresh writes it back beside the new pair.
  const store = learningStore(openTokenStore(io, tokenFile, record ?? null), io);
  return {
    tokenFile,
    store,
    json,
    provider,
    providerName: record?.name ?? 'trakt',
    report(value, line, stream = 'stdout') {
      if (json) io.stdout.write(`${safeJsonLine(io.redactor.redact(value))}\n`);
      if (!json || stream === 'stderr') io[stream].write(`${safeLines(line)}\n`);
    },
  };
}

/**
 * The session `refresh` and `logout` run on the token file, for whichever provider it belongs to
 * (Trakt's session services as always, or any other provider through `createSession`).
 */
export function providerSession(provider: CliProvider, store: TokenStore, fetch: FetchLike | undefined): Session {
  const transport = fetch === undefined ? {} : { fetch };
  if (provider.name === 'trakt') return createSession({ services: createTraktSessionServices({ ...provider.settings, store, ...transport }) });
  return createSession({ provider: provider.preset!, ...provider.client, ...transport, store });
}

import { createRedactor } from '../index.js';
import { createFileTokenStore } from '../node.js';
import type { FileTokenStore, TokenFileProvider } from '../node.js';
import type { Redactor, TokenStore, TokenStoreWarningHandler } from '../index.js';
import { INTERRUPT_SIGNALS, type InterruptSignal } from './signals.js';

/**
 * The streams and environment a command runs with, injectable so commands can be tested in
 * process, and the terminal capabilities derived from them (TTY, colour, width).
 */

/** A writable text stream (process.stdout or a test double). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** What a command may touch of the outside world. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /**
   * Registers a handler for Ctrl-C, SIGTERM and SIGHUP (see {@link InterruptSignal}; `undefined`
   * means Ctrl-C) and returns a function that removes it.
   */
  onInterrupt(handler: (signal?: InterruptSignal) => void): () => void;
  /**
   * Opens the token file (default: {@link createFileTokenStore}, atomic writes with mode 0600);
   * `provider` is the record a login writes beside the token.
   */
  openTokenStore?: ((path: string, onWarning: TokenStoreWarningHandler, provider?: TokenFileProvider | null) => TokenStore) | undefined;
  /**
   * The redactor every line on stdout and stderr goes through (set by {@link scrubbingIo}).
   * Commands teach it the device code and the tokens as they appear (see `learn-secrets.ts`).
   */
  redactor?: Redactor | undefined;
}

/** A {@link CliIo} whose output is scrubbed by its {@link CliIo.redactor}. */
export type ScrubbedIo = CliIo & { redactor: Redactor };

/** The token store for `path`, through {@link CliIo.openTokenStore} when given; `provider` is written beside the token. */
export function openTokenStore(io: CliIo, path: string, provider?: TokenFileProvider | null): TokenStore & Partial<Pick<FileTokenStore, 'readProvider'>> {
  const onWarning: TokenStoreWarningHandler = (warning) => io.stderr.write(`device-auth: ${warning.message}\n`);
  return io.openTokenStore ? io.openTokenStore(path, onWarning, provider) : createFileTokenStore({ path, onWarning, provider });
}

/** The real process's streams, environment, and SIGINT, SIGTERM and SIGHUP. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt(handler) {
      // While a handler is registered the signal no longer kills the process: the command ends itself.
      const listeners = INTERRUPT_SIGNALS.map((signal) => [signal, () => handler(signal)] as const);
      for (const [signal, listener] of listeners) process.on(signal, listener);
      return () => {
        for (const [signal, listener] of listeners) process.off(signal, listener);
      };
    },
  };
}

/** True when colour may be used: a TTY, and `NO_COLOR` unset or empty (https://no-color.org). */
export function colorEnabled(stream: OutputStream, env: CliIo['env']): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** ANSI styling that collapses to plain text when colour is off. */
export function styles(enabled: boolean) {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
    cyan: wrap(36, 39),
  };
}

/**
 * Credentials shorter than this are not searched for inside printed text: a mistyped
 * `--client-secret b` would otherwise turn every "b" of every message into `[redacted]`.
 * Real Trakt client secrets are 64 characters; short values are still removed by key name.
 */
export const MIN_OUTPUT_SECRET_LENGTH = 8;

/** The secrets worth scrubbing from output text (see {@link MIN_OUTPUT_SECRET_LENGTH}). */
export function outputSecrets(secrets: Array<string | undefined>): string[] {
  return secrets.filter((secret): secret is string => secret !== undefined && secret.length >= MIN_OUTPUT_SECRET_LENGTH);
}

/**
 * The same io with every line written to stdout and stderr passed through the one redaction
 * function: known `secrets`, the secrets learned later through {@link CliIo.redactor}, and
 * anything shaped like a credential (`Bearer …`, `access_token=…`) never reach the terminal,
 * whatever message carried them.
 */
export function scrubbingIo(io: CliIo, secrets: Array<string | undefined>): ScrubbedIo {
  const redactor = createRedactor(outputSecrets(secrets));
  const scrubbed = (stream: OutputStream): OutputStream => ({
    write: (text: string) => stream.write(redactor.scrub(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  });
  return { ...io, stdout: scrubbed(io.stdout), stderr: scrubbed(io.stderr), redactor };
}

/**
 * `io` when it is scrubbed already (as `main` makes it), else {@link scrubbingIo} of it: a command
 * run directly still never prints a secret it learns. `secrets` are added either way.
 */
export function ensureScrubbing(io: CliIo, secrets: Array<string | undefined>): ScrubbedIo {
  if (!io.redactor) return scrubbingIo(io, secrets);
  for (const secret of outputSecrets(secrets)) io.redactor.addSecret(secret);
  return io as ScrubbedIo;
}

/** The value of `--flag value` or `--flag=value` in raw arguments (before parsing). */
export function rawFlagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === flag) return args[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/**
 * `device-auth login`: signs in to Trakt with the device flow, shows the code (terminal screen,
 * plain lines or JSON lines), and writes the token atomically with mode 0600. Ctrl-C, SIGTERM and
 * SIGHUP cancel the flow, abort the request in flight and write nothing. Codes whose verification
 * URL is not safe to open are never shown; the device code and tokens are scrubbed from all output.
 */
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../index.js';
import type { DeviceAuthServices } from '../../index.js';
import { DeviceAuthError, toDeviceAuthError } from '../../index.js';
import type { DeviceToken, FetchLike } from '../../index.js';
import { createProviderServices, createTraktServices, providers } from '../../index.js';
import { CONNECTION_OPTIONS, settingsFlags } from '../credentials.js';
import { loginProvider, PROVIDER_OPTIONS, providerRecord, type CliProvider } from '../provider.js';
import { EXIT, exitCodeForSignal, exitCodeForState, type ExitCode } from '../exit-codes.js';
import { checkTokenFileWritable, tokenFilePath } from '../token-file-check.js';
import { announceInspector, finishInspector, startCliInspector, waitForViewer } from '../cli-inspector.js';
import { colorEnabled, ensureScrubbing, openTokenStore, type CliIo, type ScrubbedIo } from '../io.js';
import { learnFlowSecrets, learnToken } from '../learn-secrets.js';
import { number, parseFlags, text } from '../parse.js';
import { bothInspect, startRecording } from '../record-file.js';
import { checkRecordPath, RECORD_OPTIONS } from '../record-option.js';
import type { InterruptSignal } from '../signals.js';
import { UsageError } from '../usage-error.js';
import { unshowableCodesError } from '../verification-url.js';
import { createJsonView } from '../views/json-view.js';
import type { LoginResult, LoginView } from '../views/login-view.js';
import { createPlainView } from '../views/plain-view.js';
import { createTerminalView } from '../views/terminal-view.js';

/** `--inspect` and `--inspect-port N` (login and demo). */
export const INSPECT_OPTIONS = {
  inspect: { type: 'boolean' },
  'inspect-port': { type: 'string' },
} as const;

/** The inspector setting from {@link INSPECT_OPTIONS}: on with `--inspect` or a port. */
export function inspectOption(flags: { inspect?: string | boolean | undefined; 'inspect-port'?: string | boolean | undefined }) {
  const port = number('inspect-port', flags['inspect-port'], { min: 0, max: 65_535, integer: true });
  return flags.inspect === true || port !== undefined ? { port: port ?? 0 } : undefined;
}

/** Flags of `device-auth login`. */
export const LOGIN_OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...PROVIDER_OPTIONS,
  'no-qr': { type: 'boolean' },
  ...INSPECT_OPTIONS,
  ...RECORD_OPTIONS,
} as const;

/** Everything a login needs once flags are read. */
export interface LoginConfig {
  /** The provider to sign in to (`--provider`, Trakt by default) and the app's registration with it. */
  provider: CliProvider;
  tokenFile: string;
  json: boolean;
  qr: boolean;
  /** Replaces the provider's services (tests). */
  services?: DeviceAuthServices;
  /** Receives the view once it exists, e.g. to narrate a demo through {@link LoginView.note}. */
  attach?: (view: LoginView) => void;
  /**
   * `--inspect` / `--inspect-port N`: serve the live inspector on 127.0.0.1 while the flow runs
   * (port 0: a free one); `waitForViewer` starts the flow only once a page has connected (demo).
   */
  inspect?: { port: number; waitForViewer?: boolean } | undefined;
  /** `--record FILE`: write a trace of the flow there when it ends (see `record-file.ts`). */
  record?: string | undefined;
}

/** Reads `login` flags and environment into a {@link LoginConfig}. */
export function loginConfig(args: string[], env: CliIo['env']): LoginConfig | 'help' {
  const flags = parseFlags('login', args, LOGIN_OPTIONS);
  if (flags.help) return 'help';
  return {
    provider: loginProvider(flags, settingsFlags(flags), env),
    tokenFile: tokenFilePath(text(flags['token-file']), env),
    json: flags.json === true,
    qr: flags['no-qr'] !== true,
    inspect: inspectOption(flags),
    record: text(flags.record),
  };
}

function chooseView(config: LoginConfig, io: ScrubbedIo, providerLabel: string): LoginView & { ready?(): Promise<void> } {
  if (config.json) return createJsonView(io.stdout, io.stderr, io.redactor);
  if (io.stdout.isTTY) {
    return createTerminalView({ stdout: io.stdout, stderr: io.stderr, color: colorEnabled(io.stdout, io.env), qr: config.qr, provider: providerLabel });
  }
  return createPlainView(io.stdout, io.stderr);
}

/** Runs one login and returns the exit code. */
export async function runLogin(config: LoginConfig, rawIo: CliIo): Promise<ExitCode> {
  let provider = config.provider;
  const io = ensureScrubbing(rawIo, [provider.name === 'trakt' ? provider.settings.clientSecret : provider.client.clientSecret]);
  const recording = startRecording(await checkRecordPath(config.record), io);
  const transport = recording ? { fetch: recording.wrapFetch<FetchLike>() } : {};
  let services: DeviceAuthServices | undefined;
  try {
    if (config.services) services = config.services;
    else if (provider.name === 'trakt') services = createTraktServices({ ...provider.settings, ...transport });
    else if (provider.preset) services = createProviderServices(provider.preset, { ...provider.client, ...transport });
  } catch (error) {
    if (error instanceof DeviceAuthError && error.code === 'CONFIGURATION') throw new UsageError(error.message);
    throw error;
  }
  const view = chooseView(config, io, provider.label);
  config.attach?.(view);
  try {
    await checkTokenFileWritable(config.tokenFile);
  } catch (error) {
    // Not a file a token can go in (empty, a directory, /dev/null, a FIFO): the command is wrong, exit 2.
    if (error instanceof UsageError) throw error;
    await endView(view, { state: 'failed', error: toDeviceAuthError(error, 'STORE') });
    return EXIT.failed;
  }
  if (services === undefined && provider.name !== 'trakt') {
    // An issuer: its endpoints are discovered now (RFC 8414), once the token file is known to be writable.
    try {
      const preset = await providers.oidc({ issuer: provider.issuer!, ...transport });
      provider = { ...provider, preset };
      services = createProviderServices(preset, { ...provider.client, ...transport });
    } catch (error) {
      await endView(view, { state: 'failed', error: toDeviceAuthError(error, 'UNEXPECTED') });
      return recording ? recording.finish(EXIT.failed) : EXIT.failed;
    }
  }
  const inspector = config.inspect === undefined ? undefined : await startCliInspector(config.inspect.port, io);
  if (inspector) {
    announceInspector(inspector, config.json, io, view);
    const waited = config.inspect?.waitForViewer ? await waitForViewer(inspector, io, view) : 'connected';
    if (waited !== 'connected') {
      await inspector.close();
      await endView(view, { state: 'cancelled', signal: waited });
      return exitCodeForSignal(waited);
    }
  }
  const inspect = bothInspect(inspector?.inspect, recording?.inspect);
  const actor = createActor(deviceAuthMachine.provide(services!), inspect ? { inspect } : {});
  let token: DeviceToken | undefined;
  /** Why the codes may not be shown; once set, the flow is cancelled and nothing more is shown. */
  let refused: DeviceAuthError | undefined;
  actor.on('*', (event) => {
    // Learn the device code and tokens before anything derived from this step can be printed.
    learnFlowSecrets(io, actor.getSnapshot().context);
    if (refused) return;
    if (event.type === 'codes') {
      refused = unshowableCodesError(event);
      if (refused) {
        actor.send({ type: 'cancel' });
        return;
      }
    }
    if (event.type === 'authorized') {
      learnToken(io, event.token);
      token = event.token;
    } else view.event(event);
  });
  const ended = new Promise<string>((resolve) => {
    actor.subscribe((snapshot) => {
      if (snapshot.status === 'done') resolve('authorized');
      else if (snapshot.hasTag('resting')) resolve(String(snapshot.value));
    });
  });
  let interruptedBy: InterruptSignal | undefined;
  const removeInterrupt = io.onInterrupt((signal) => {
    interruptedBy ??= signal ?? 'SIGINT';
    actor.send({ type: 'cancel' });
  });
  actor.start();
  actor.send({ type: 'start' });
  const state = await ended;
  removeInterrupt();
  actor.stop();

  const result: LoginResult = refused
    ? { state: 'failed', error: refused }
    : await settle(state, token, actor.getSnapshot().context.error, config.tokenFile, io, interruptedBy, provider);
  await endView(view, result);
  const exit = result.state === 'failed' ? EXIT.failed : result.state === 'cancelled' ? exitCodeForSignal(result.signal) : exitCodeForState(result.state);
  const code = recording ? await recording.finish(exit) : exit;
  if (inspector) await finishInspector(inspector, io, !config.json && Boolean(io.stdout.isTTY) && result.state !== 'cancelled');
  return code;
}

/** Prints the result and stops the view's timers once everything queued is on screen. */
async function endView(view: LoginView & { ready?(): Promise<void> }, result: LoginResult): Promise<void> {
  view.finish(result);
  await view.ready?.();
  view.dispose();
}

async function settle(
  state: string,
  token: DeviceToken | undefined,
  error: DeviceAuthError | null,
  tokenFile: string,
  io: CliIo,
  interruptedBy: InterruptSignal | undefined,
  provider: CliProvider,
): Promise<LoginResult> {
  if (state === 'authorized' && token) {
    try {
      // The file records the provider, so status, refresh and logout need not be told again.
      await openTokenStore(io, tokenFile, providerRecord(provider)).set(token);
      return { state: 'authorized', token, tokenFile };
    } catch (failure) {
      return { state: 'failed', error: toDeviceAuthError(failure, 'STORE') };
    }
  }
  if (state === 'failed') return { state: 'failed', error: error ?? new DeviceAuthError('UNEXPECTED', 'The sign-in failed.') };
  if (state === 'cancelled') return { state: 'cancelled', signal: interruptedBy };
  return { state: state as Exclude<LoginResult['state'], 'authorized' | 'failed' | 'cancelled'> };
}

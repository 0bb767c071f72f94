/**
 * The live viewer as the CLI runs it (`login --inspect`, `demo --inspect`): served on 127.0.0.1,
 * announced without disturbing `--json` output, optionally waited for before the flow starts,
 * and kept open after the flow on a terminal until Ctrl-C, so a late page still sees the end.
 */
import { serveInspector, type InspectorServer } from '../viewer.js';
import { deviceAuthMachine } from '../index.js';
import type { CliIo, ScrubbedIo } from './io.js';
import { DeviceAuthError } from '../index.js';
import type { InterruptSignal } from './signals.js';
import type { LoginView } from './views/login-view.js';

/**
 * Serves the viewer; a port that cannot be used fails (exit 1) with a message naming it. The
 * viewer shares the output's redactor: what either learns (the device code, the tokens) is
 * scrubbed from the page and from the terminal alike.
 */
export async function startCliInspector(port: number, io: ScrubbedIo): Promise<InspectorServer> {
  try {
    return await serveInspector({ machine: deviceAuthMachine, port, redactor: io.redactor });
  } catch (error) {
    // A busy port is not a mistake in the command: exit 1 (failed), not 2 (usage).
    throw new DeviceAuthError('NETWORK', `Cannot serve the inspector on port ${port}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Prints the viewer's URL: on stderr with `--json` (stdout stays JSON), else on the screen. */
export function announceInspector(inspector: InspectorServer, json: boolean, io: CliIo, view: LoginView): void {
  const line = `Inspector: ${inspector.url} (live state, context and events; secrets redacted)`;
  if (json) io.stderr.write(`${line}\n`);
  else view.note(line);
}

/**
 * Waits until a viewer page connects: `'connected'`, or the signal that interrupted the wait
 * first (Ctrl-C, SIGTERM, SIGHUP).
 */
export async function waitForViewer(inspector: InspectorServer, io: CliIo, view: LoginView): Promise<'connected' | InterruptSignal> {
  view.note(`Open ${inspector.url} to watch; the sign-in starts when the page connects (Ctrl-C to stop).`);
  const interrupted = new AbortController();
  let signal: InterruptSignal = 'SIGINT';
  const remove = io.onInterrupt((received) => {
    signal = received ?? 'SIGINT';
    interrupted.abort();
  });
  try {
    await inspector.waitForClient(interrupted.signal);
    return 'connected';
  } catch {
    return signal;
  } finally {
    remove();
  }
}

/**
 * Ends the viewer after the flow. On a terminal it stays open, showing the final state to pages
 * opened late, until Ctrl-C (or SIGTERM, SIGHUP); elsewhere (pipes, `--json`) it closes at once.
 */
export async function finishInspector(inspector: InspectorServer, io: CliIo, interactive: boolean): Promise<void> {
  inspector.end();
  if (interactive) {
    io.stdout.write(`The inspector stays open at ${inspector.url} with the final state. Press Ctrl-C to exit.\n`);
    await new Promise<void>((resolve) => {
      const remove = io.onInterrupt(() => {
        remove();
        resolve();
      });
    });
  }
  await inspector.close();
}

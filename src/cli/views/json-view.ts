/**
 * `--json`: one JSON object per line on stdout, one per emitted event, named as the statechart
 * names them. Secrets never appear: the token is described (type, scope, expiry, file), never
 * printed, and every line goes through the one redaction function. Lines keep the server's text
 * exact but escape what a terminal could act on (`safeJsonLine`). A login that does not sign in
 * also prints one human line on stderr, so `login --json | jq` still shows why.
 */
import type { DeviceAuthEmitted, Redactor } from '../../index.js';
import type { OutputStream } from '../io.js';
import { endingLine, type LoginResult, type LoginView } from './login-view.js';
import { normalizedUrl, safeJsonLine } from './safe-text.js';

/** An event as its JSON line shows it: errors as their JSON form, URLs parsed and normalized. */
function lineFor(event: Exclude<DeviceAuthEmitted, { type: 'authorized' }>): object {
  switch (event.type) {
    case 'failed':
      return { type: 'failed', error: event.error.toJSON() };
    case 'codes':
      return {
        ...event,
        verificationUrl: normalizedUrl(event.verificationUrl),
        ...(event.verificationUrlComplete === undefined ? {} : { verificationUrlComplete: normalizedUrl(event.verificationUrlComplete) }),
      };
    default:
      return event;
  }
}

/** The JSON-lines view. Every line is redacted by `redactor` (which knows and learns the secrets). */
export function createJsonView(stdout: OutputStream, stderr: OutputStream, redactor: Redactor): LoginView {
  let failurePrinted = false;
  const line = (value: object) => stdout.write(`${safeJsonLine(redactor.redact(value))}\n`);
  return {
    event(event) {
      if (event.type === 'failed') failurePrinted = true;
      line(lineFor(event));
    },
    finish(result: LoginResult) {
      if (result.state === 'authorized') {
        const { token, tokenFile } = result;
        line({
          type: 'authorized',
          tokenType: token.tokenType,
          scope: token.scope,
          createdAt: token.createdAt,
          expiresIn: token.expiresIn,
          expiresAt: token.expiresAt,
          tokenFile,
        });
        return;
      }
      // A failure after the flow (the token could not be saved; a code that may not be shown);
      // the machine's own endings were printed when it emitted them.
      if (result.state === 'failed' && !failurePrinted) line({ type: 'failed', error: result.error.toJSON() });
      stderr.write(`${endingLine(result)}\n`);
    },
    note() {},
    dispose() {},
  };
}

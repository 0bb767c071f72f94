/**
 * `--json`: one JSON object per line on stdout, one per emitted event, named as the statechart
 * names them. Secrets never appear: the token is described (type, scope, expiry, file), never
 * printed, and every line goes through the one redaction function.
 */
import { redact } from '../../index.js';
import type { OutputStream } from '../io.js';
import type { LoginResult, LoginView } from './login-view.js';

/** The JSON-lines view. `secrets` are scrubbed from every line wherever they appear. */
export function createJsonView(stdout: OutputStream, secrets: string[]): LoginView {
  let failurePrinted = false;
  const line = (value: object) => stdout.write(`${JSON.stringify(redact(value, { secrets }))}\n`);
  return {
    event(event) {
      if (event.type === 'failed') failurePrinted = true;
      line(event.type === 'failed' ? { type: 'failed', error: event.error.toJSON() } : event);
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
      } else if (result.state === 'failed' && !failurePrinted) {
        // A failure after the flow (the token could not be saved); the machine's own was printed already.
        line({ type: 'failed', error: result.error.toJSON() });
      }
      // Other endings were printed when the machine emitted them.
    },
    note() {},
    dispose() {},
  };
}

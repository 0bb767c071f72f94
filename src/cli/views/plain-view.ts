/**
 * Plain lines for pipes, logs and CI: what to open, the code, and one line per change of
 * status (slowed down, retrying), never a line per poll.
 */
import type { OutputStream } from '../io.js';
import { endingLine, formatSeconds, type LoginResult, type LoginView } from './login-view.js';
import { safeLines, safeText, safeUrl } from './safe-text.js';

/** The plain-text view. Text from the server is printed through `safe-text.ts`. */
export function createPlainView(stdout: OutputStream, stderr: OutputStream): LoginView {
  const say = (text: string) => stdout.write(`${text}\n`);
  return {
    event(event) {
      switch (event.type) {
        case 'codes':
          say(`Open ${safeUrl(event.verificationUrl)} and enter the code: ${safeText(event.userCode)}`);
          if (event.verificationUrlComplete) say(`Or open ${safeUrl(event.verificationUrlComplete)} (the code is filled in).`);
          say(`The code expires at ${new Date(event.expiresAt).toISOString()}.`);
          say(`Waiting for approval (checking every ${formatSeconds(event.interval)})…`);
          break;
        case 'slowDown':
          say(`The server asked to slow down: checking every ${formatSeconds(event.interval)}.`);
          break;
        case 'retry':
          say(`Could not check: ${safeText(event.message)} Next check in ${formatSeconds(event.delayMs / 1000)}.`);
          break;
        default:
          break;
      }
    },
    finish(result: LoginResult) {
      if (result.state === 'authorized') {
        say(`Signed in. Token saved to ${result.tokenFile} (expires ${new Date(result.token.expiresAt).toISOString()}).`);
      } else {
        stderr.write(`${endingLine(result)}\n`);
      }
    },
    note: (line) => say(safeLines(line)),
    dispose() {},
  };
}

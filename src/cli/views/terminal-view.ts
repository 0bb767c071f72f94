/**
 * The live terminal screen: the code large and boxed, the verification URL, a QR code of the
 * pre-filled URL, and one status line that counts down to expiry and says what polling is doing
 * (pending, slowed down to N s, retrying). Colour only when allowed (`NO_COLOR`).
 */
import QRCode from 'qrcode';
import type { DeviceAuthEmitted } from '../../index.js';
import { styles, type OutputStream } from '../io.js';
import { codeBox } from './code-box.js';
import { endingLine, formatCountdown, formatSeconds, type LoginResult, type LoginView } from './login-view.js';
import { safeLines, safeText, safeUrl } from './safe-text.js';

/** Options of {@link createTerminalView}. */
export interface TerminalViewOptions {
  stdout: OutputStream;
  stderr: OutputStream;
  color: boolean;
  qr: boolean;
  /** Provider name in the title. */
  provider?: string;
  /** Clock for the countdown (default `Date.now`). */
  now?: () => number;
  /** Status refresh period in ms (default 1000). */
  tickMs?: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Renders the QR code of `url` for a terminal (ANSI colours, or plain block characters). */
export function renderQr(url: string, color: boolean): Promise<string> {
  return QRCode.toString(url, { type: color ? 'terminal' : 'utf8', small: true, errorCorrectionLevel: 'L' });
}

/** The live terminal view. Text from the server is printed through `safe-text.ts`. */
export function createTerminalView(options: TerminalViewOptions): LoginView & { ready(): Promise<void> } {
  const { stdout, stderr } = options;
  const style = styles(options.color);
  const now = options.now ?? Date.now;
  let expiresAt = 0;
  let status = `Asking ${options.provider ?? 'Trakt'} for a code…`;
  let attempts = 0;
  let frame = 0;
  let screen: Promise<void> = Promise.resolve();
  let ticker: ReturnType<typeof setInterval> | undefined;
  let statusShown = false;

  const drawStatus = () => {
    if (expiresAt === 0) return;
    const spinner = style.cyan(SPINNER[frame++ % SPINNER.length]!);
    const line = `${spinner} ${status} ${style.dim(`· code expires in ${formatCountdown(expiresAt - now())} · checked ${attempts}×`)}`;
    stdout.write(`\r\u001b[2K${line}`);
    statusShown = true;
  };
  const clearStatus = () => {
    if (statusShown) stdout.write('\r\u001b[2K');
    statusShown = false;
  };

  const showCodes = async (event: Extract<DeviceAuthEmitted, { type: 'codes' }>) => {
    // The QR code holds the same normalized URL the text shows.
    const qr = options.qr && event.verificationUrlComplete ? await renderQr(safeUrl(event.verificationUrlComplete), options.color) : '';
    const lines = [
      '',
      style.bold(` Sign in with your ${options.provider ?? 'Trakt'} account`),
      '',
      `   1  On a phone or computer, open  ${style.cyan(style.bold(safeUrl(event.verificationUrl)))}`,
      '   2  Enter this code:',
      '',
      ...codeBox(safeText(event.userCode)).map((line) => style.bold(line)),
      '',
    ];
    if (qr) {
      lines.push('   Or scan this QR code (it opens the page with the code filled in):', '');
      lines.push(...qr.trimEnd().split('\n').map((line) => `   ${line}`), '');
    }
    stdout.write(`${lines.join('\n')}\n`);
    expiresAt = event.expiresAt;
    status = `Waiting for approval ${style.dim(`(checking every ${formatSeconds(event.interval)})`)}`;
    drawStatus();
    ticker = setInterval(drawStatus, options.tickMs ?? 1000);
    ticker.unref?.();
  };

  const stopTicker = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
  };

  return {
    event(event) {
      // Every change goes through the same queue as the (asynchronous) code screen, in order.
      screen = screen.then(() => {
        switch (event.type) {
          case 'codes':
            return showCodes(event);
          case 'poll':
            attempts = event.attempt;
            break;
          case 'pending':
            status = 'Waiting for approval';
            break;
          case 'slowDown':
            status = style.yellow(`Slowed down to every ${formatSeconds(event.interval)}`);
            break;
          case 'retry':
            status = style.yellow(`Connection trouble, retrying in ${formatSeconds(event.delayMs / 1000)}`);
            break;
          default:
            return undefined;
        }
        drawStatus();
        return undefined;
      });
    },
    finish(result: LoginResult) {
      screen = screen.then(() => {
        stopTicker();
        clearStatus();
        if (result.state === 'authorized') {
          stdout.write(`${style.green('✔')} Signed in. Token saved to ${result.tokenFile} ${style.dim(`(expires ${new Date(result.token.expiresAt).toLocaleString()})`)}\n`);
        } else {
          stderr.write(`${style.red('✖')} ${endingLine(result)}\n`);
        }
      });
    },
    note(line) {
      screen = screen.then(() => {
        clearStatus();
        stdout.write(`${style.dim(safeLines(line))}\n`);
        drawStatus();
      });
    },
    dispose: stopTicker,
    ready: () => screen,
  };
}

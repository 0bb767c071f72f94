/**
 * Which verification URLs the CLI shows a person. The server chooses the page the person opens
 * and types their code into; on plain `http:` anyone on the network path can read or replace that
 * page, so only `https:` is shown, and `http:` only when it stays on this computer (a local test
 * server such as `device-auth mock`): 127.0.0.0/8, ::1 and localhost.
 */
import { DeviceAuthError, type DeviceAuthEmitted } from '../index.js';
import { safeText } from './views/safe-text.js';

/** Hosts `http:` may point to: they never leave this computer. */
function isLoopbackHost(hostname: string): boolean {
  // The URL parser has normalized the host already: `127.1` and `0x7f.0.0.1` read as 127.0.0.1, names are lower case.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * True when `url` may be shown to a person as the place to enter their code: an `https:` URL, or
 * an `http:` URL on a loopback host.
 *
 * @param url - The verification URL (or the pre-filled one) as the server sent it.
 */
export function isShowableVerificationUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

/** `scheme://host[:port]` of `url`, made inert, or a description when it is not a URL. */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return safeText(parsed.origin === 'null' ? `${parsed.protocol} address` : parsed.origin);
  } catch {
    return 'an address that is not a URL';
  }
}

/**
 * Why the codes of a `codes` event must not be shown, as an `INVALID_RESPONSE` error with a
 * message a person can act on; `undefined` when they may be shown. Checked before any view sees
 * them: a verification URL (or the pre-filled one) that {@link isShowableVerificationUrl} refuses,
 * or a user code with nothing printable left once made inert.
 *
 * @param codes - The `codes` event as the machine emitted it.
 */
export function unshowableCodesError(codes: Extract<DeviceAuthEmitted, { type: 'codes' }>): DeviceAuthError | undefined {
  for (const url of [codes.verificationUrl, codes.verificationUrlComplete]) {
    if (url !== undefined && !isShowableVerificationUrl(url)) {
      // Only the origin is named: the full URL may carry the code to a page nobody should open.
      return new DeviceAuthError(
        'INVALID_RESPONSE',
        `The server asked to send you to ${originOf(url)}, which is not safe to open: only https: addresses are shown ` +
          '(http: only on this computer: localhost, 127.0.0.0/8, ::1). Check --base-url; nothing was saved.',
      );
    }
  }
  if (safeText(codes.userCode).trim() === '') {
    return new DeviceAuthError('INVALID_RESPONSE', 'The server sent a user code with nothing printable in it. Check --base-url; nothing was saved.');
  }
  return undefined;
}

/**
 * Which verification URLs the CLI shows a person. The server chooses the page the person opens
 * and types their code into; on plain `http:` anyone on the network path can read or replace that
 * page, so only `https:` is shown, and `http:` only when it stays on this computer (a local test
 * server such as `device-auth mock`): 127.0.0.0/8, ::1 and localhost.
 */

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

/**
 * Which `Host` a mock answers its pages (`/activate`) and controls (`/mock/*`) to: its own, like
 * the offline viewer (`src/inspect/serve-inspector.ts`). A page on another site whose name
 * resolves to 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the mock: it could
 * read the activation form, token included, and approve its own device's code with the visitor's
 * browser. Such requests carry the other site's name in `Host` and are answered 421.
 */

/** What a mock's own hosts are. */
export interface HostCheckSetup {
  /** The mock's base URL (`http://127.0.0.1:53124`, or the in-memory fetch's origin). */
  readonly url: string;
  /** The base URL people and devices use, when it differs (`publicUrl`). */
  readonly publicUrl?: string | undefined;
  /** The server listens on every interface (`0.0.0.0`, `::`): IP-address hosts with its port are its own too (an IP address cannot be rebound). */
  readonly anyInterface?: boolean | undefined;
}

/** Characters a `Host` value may hold (lower-cased): letters, digits, dots, dashes, a port, IPv6 brackets. No userinfo. */
const HOST_CHARACTERS = /^[a-z0-9.:[\]-]+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** `host` as a URL's `host` (lower case, default port dropped), or `undefined` when it is not a plain host. */
function normalizeHost(host: string | undefined): string | undefined {
  const lower = host?.trim().toLowerCase() ?? '';
  if (!HOST_CHARACTERS.test(lower)) return undefined;
  try {
    return new URL(`http://${lower}`).host;
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * A predicate for the `Host` header of page and control requests: the mock's own host, its
 * `publicUrl`'s host, and for a loopback mock `localhost`, `127.0.0.1` and `[::1]` with its port.
 */
export function createHostCheck(setup: HostCheckSetup): (host: string | undefined) => boolean {
  const own = new URL(setup.url);
  const withPort = (name: string): string => (own.port === '' ? name : `${name}:${own.port}`);
  const allowed = new Set([own.host]);
  if (isLoopback(own.hostname)) for (const name of ['localhost', '127.0.0.1', '[::1]']) allowed.add(withPort(name));
  if (setup.publicUrl !== undefined) allowed.add(new URL(setup.publicUrl).host);
  return (host) => {
    const normalized = normalizeHost(host);
    if (normalized === undefined) return false;
    if (allowed.has(normalized)) return true;
    if (setup.anyInterface !== true) return false;
    const parsed = new URL(`http://${normalized}`);
    return parsed.port === own.port && (IPV4.test(parsed.hostname) || parsed.hostname.startsWith('['));
  };
}

/** Whether an `Origin` header names one of the mock's own hosts (`null` and other sites do not). */
export function isOwnOrigin(origin: string, allowsHost: (host: string) => boolean): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && allowsHost(url.host);
  } catch {
    return false;
  }
}

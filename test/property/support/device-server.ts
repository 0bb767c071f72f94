/**
 * A `fetch` that answers from a {@link DeviceScenario} in simulated time (latency is a fake-timer
 * `setTimeout`), for the real services (`createTraktServices`, `createRfc8628Services`): the real
 * HTTP seam and the real dialect classify every answer. It mints a fresh device code and token
 * pair each time it serves one (so every secret is known and distinct) and records every request:
 * when it started and ended, which flow it belongs to, what was served and when.
 *
 * It behaves like a real fetch where that matters: an abort rejects at once with an `AbortError`
 * and cancels the latency timer; without `redirect: 'manual'` it *follows* a redirect the way a
 * browser or undici would (a 307/308 re-sends the body, credentials included, to the new origin),
 * so a seam that forgets to refuse redirects shows up as a request to another origin.
 */
import type { FetchLike, FetchResponseLike } from '../../../src/services/http/http.js';
import type { Body, CodeStep, DeviceScenario, PollStep, Reply, RetryAfter } from './device-scenario.js';

export const CLIENT_ID = 'property-client-id';
/** Distinctive, so that a leak is found by a plain substring search. */
export const CLIENT_SECRET = 'clientsecret-Vq3LxZ8p';
export const TRAKT_BASE = 'https://trakt.property.test';
export const RFC_DEVICE_ENDPOINT = 'https://idp.property.test/oauth/device';
export const RFC_TOKEN_ENDPOINT = 'https://idp.property.test/oauth/token';
const EVIL_ORIGIN = 'https://evil.property.test';

/** One request the fake server saw. */
export interface RequestRecord {
  kind: 'code' | 'poll' | 'elsewhere';
  /** Which actor generation sent it (a new one after each persist/resume). */
  generation: number;
  url: string;
  startedAt: number;
  endedAt?: number;
  /** How it ended: answered, aborted by the client, or still open. */
  ending: 'answered' | 'aborted' | 'open';
  /** The device code a poll carried. */
  deviceCode?: string;
  /** The scripted step that answered it. */
  pollStep?: PollStep;
  codeStep?: CodeStep;
  /** What was minted: the device code, `expires_in` and the effective interval of a codes answer. */
  served?: { deviceCode: string; expiresIn: number; interval: number };
  /** `Retry-After` in ms as the client must read it (delta-seconds, or an IMF date minus the answer time). */
  retryAfterMs?: number;
  /** The `interval` a slow_down body named (GitHub). */
  serverInterval?: number;
  /** In flight at the same time as this one started (other requests). */
  concurrent: number;
  /** For a request to another origin: the secrets its body or headers carried there. */
  carried?: string[];
  /** The machine's first reaction to this poll's answer (the event it emitted). */
  reaction?: string;
  /** Aborted by the app (cancel, stop, persist) rather than by the request timeout. */
  abortedByApp?: boolean;
}

export interface ScriptedServer {
  /** A fetch for one actor generation. */
  fetchFor(generation: number): FetchLike;
  readonly requests: RequestRecord[];
  /** Every secret minted so far, plus the client secret. */
  readonly secrets: Set<string>;
  /** Device codes minted so far. */
  readonly deviceCodes: Set<string>;
  /** Requests in flight right now. */
  inFlight(): number;
  /** Called with each request as it starts (the harness checks the actor's state there). */
  onRequest?: (record: RequestRecord) => void;
  /** True while the app cancels or stops: aborts then are the app's, not timeouts. */
  appAborting: boolean;
}

const DEFAULT_CODES: CodeStep = { latencyMs: 0, reply: { kind: 'codes', expiresIn: 60, interval: 5 } };
/** Once the script is used up the server keeps saying "pending", in each dialect's words. */
const DEFAULT_POLL: Record<DeviceScenario['dialect'], PollStep> = {
  trakt: { latencyMs: 0, reply: { kind: 'status', status: 400 }, meaning: 'pending' },
  rfc8628: { latencyMs: 0, reply: { kind: 'status', status: 400, body: { json: { error: 'authorization_pending' } } }, meaning: 'pending' },
};

function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

function retryAfterHeader(after: RetryAfter, now: number): string {
  if ('seconds' in after) return String(after.seconds);
  if ('dateInSeconds' in after) return new Date(now + after.dateInSeconds * 1_000).toUTCString();
  return after.raw;
}

/** What the client should read from the header (mirrors RFC 9110 §10.2.3; undefined when unreadable). */
function expectedRetryAfterMs(header: string, now: number): number | undefined {
  const raw = header.trim();
  if (raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1_000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function response(status: number, body: string, headers: Record<string, string>): FetchResponseLike {
  return { status, headers: new Headers(headers), text: async () => body };
}

function bodyText(body: Body | undefined): { text: string; json: boolean } {
  if (body === undefined) return { text: '', json: false };
  return 'json' in body ? { text: JSON.stringify(body.json), json: true } : { text: body.text, json: false };
}

/** Reads the device code out of a poll body (Trakt JSON `code`, RFC 8628 form `device_code`). */
function deviceCodeOf(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    if (typeof parsed.code === 'string') return parsed.code;
  } catch {
    // a form
  }
  return new URLSearchParams(body).get('device_code') ?? undefined;
}

export function createScriptedServer(scenario: DeviceScenario): ScriptedServer {
  const requests: RequestRecord[] = [];
  const secrets = new Set<string>([CLIENT_SECRET]);
  const deviceCodes = new Set<string>();
  let open = 0;
  let codeIndex = 0;
  let pollIndex = 0;
  let minted = 0;
  const trakt = scenario.dialect === 'trakt';

  const mint = (kind: string): string => {
    minted += 1;
    const value = `${kind}${minted}x${(minted * 7_919).toString(36)}Kq`;
    secrets.add(value);
    return value;
  };

  /** Renders a reply into status, body and headers; mints secrets for tokens and codes. */
  const render = (reply: Reply, record: RequestRecord, now: number, requestBody: string): FetchResponseLike => {
    switch (reply.kind) {
      case 'token': {
        const accessToken = mint('accesstoken');
        const full = reply.variant === 'full' || trakt;
        const body: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: 7_776_000 };
        if (full) {
          body.refresh_token = mint('refreshtoken');
          body.scope = 'public';
          body.created_at = Math.floor(now / 1_000);
        }
        return response(200, JSON.stringify(body), { 'content-type': 'application/json' });
      }
      case 'codes': {
        const deviceCode = mint('devicecode');
        deviceCodes.add(deviceCode);
        const body: Record<string, unknown> = {
          device_code: deviceCode,
          user_code: `USER${minted}`,
          [trakt ? 'verification_url' : 'verification_uri']: 'https://activate.property.test/device',
          expires_in: reply.expiresIn,
        };
        if (reply.interval !== undefined) body.interval = reply.interval;
        record.served = { deviceCode, expiresIn: reply.expiresIn, interval: reply.interval ?? 5 };
        return response(200, JSON.stringify(body), { 'content-type': 'application/json' });
      }
      case 'oversized':
        return response(200, '{}', { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
      case 'redirect':
        return response(reply.status, '', { location: `${EVIL_ORIGIN}/steal` });
      case 'status': {
        const { text: raw, json } = bodyText(reply.body);
        // A hostile server echoes what it was sent: the device code, the client secret, the request.
        const inJson = (value: string) => (json ? JSON.stringify(value).slice(1, -1) : value);
        const text = raw
          .replaceAll('$DEVICE_CODE', inJson(record.deviceCode ?? ''))
          .replaceAll('$CLIENT_SECRET', inJson(CLIENT_SECRET))
          .replaceAll('$LAST_DEVICE_CODE', inJson([...deviceCodes].at(-1) ?? ''))
          .replaceAll('$REQUEST', inJson(requestBody));
        const headers: Record<string, string> = {};
        if (reply.html) headers['content-type'] = 'text/html; charset=utf-8';
        else if (json) headers['content-type'] = 'application/json';
        if (reply.retryAfter !== undefined) {
          const header = retryAfterHeader(reply.retryAfter, now);
          headers['retry-after'] = header;
          // Only the two unambiguous forms bind the client; how it reads odd values is its choice.
          const ms = 'raw' in reply.retryAfter ? undefined : expectedRetryAfterMs(header, now);
          if (ms !== undefined) record.retryAfterMs = ms;
        }
        if (reply.body !== undefined && 'json' in reply.body) {
          const interval = (reply.body.json as { interval?: unknown } | null)?.interval;
          if (typeof interval === 'number' && Number.isFinite(interval) && interval > 0) record.serverInterval = interval;
        }
        return response(reply.status, text, headers);
      }
      case 'network':
      case 'hang':
        throw new Error(`unreachable: ${reply.kind} has no response`);
    }
  };

  const server: ScriptedServer = {
    appAborting: false,
    requests,
    secrets,
    deviceCodes,
    inFlight: () => open,
    fetchFor(generation) {
      const fetch: FetchLike = (url, init) => {
        const origin = new URL(url).origin;
        const isCode = trakt ? url.endsWith('/oauth/device/code') : url === RFC_DEVICE_ENDPOINT;
        const kind: RequestRecord['kind'] = origin === EVIL_ORIGIN ? 'elsewhere' : isCode ? 'code' : 'poll';
        const record: RequestRecord = { kind, generation, url, startedAt: Date.now(), ending: 'open', concurrent: open };
        if (kind === 'elsewhere') {
          const carried = `${init.body ?? ''} ${JSON.stringify(init.headers)}`;
          record.carried = [...secrets].filter((secret) => carried.includes(secret));
        }
        requests.push(record);
        if (kind === 'poll') {
          const deviceCode = deviceCodeOf(init.body);
          if (deviceCode !== undefined) record.deviceCode = deviceCode;
        }
        server.onRequest?.(record);
        if (init.signal.aborted) {
          record.ending = 'aborted';
          record.endedAt = Date.now();
          return Promise.reject(abortError());
        }
        let reply: Reply;
        let latencyMs: number;
        if (kind === 'elsewhere') {
          reply = { kind: 'status', status: 200, body: { json: { ok: true } } };
          latencyMs = 0;
        } else if (kind === 'code') {
          const scripted = scenario.codes[codeIndex] ?? DEFAULT_CODES;
          codeIndex += 1;
          record.codeStep = scripted;
          ({ reply, latencyMs } = scripted);
        } else {
          const scripted = scenario.polls[pollIndex] ?? DEFAULT_POLL[scenario.dialect];
          pollIndex += 1;
          record.pollStep = scripted;
          ({ reply, latencyMs } = scripted);
        }
        open += 1;
        return new Promise<FetchResponseLike>((resolve, reject) => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const settle = (ending: 'answered' | 'aborted') => {
            if (record.ending !== 'open') return false;
            record.ending = ending;
            record.endedAt = Date.now();
            open -= 1;
            init.signal.removeEventListener('abort', onAbort);
            return true;
          };
          const onAbort = () => {
            if (timer !== undefined) clearTimeout(timer);
            if (server.appAborting) record.abortedByApp = true;
            if (settle('aborted')) reject(abortError());
          };
          init.signal.addEventListener('abort', onAbort);
          if (reply.kind === 'hang') return;
          const answer = () => {
            if (!settle('answered')) return;
            if (reply.kind === 'network') {
              reject(new TypeError('fetch failed: other side closed'));
              return;
            }
            const now = Date.now();
            const rendered = render(reply, record, now, init.body ?? '');
            if (reply.kind === 'redirect' && init.redirect !== 'manual') {
              // What a real fetch does by default: follow it. 307/308 keep the method and body.
              const keepBody = reply.status === 307 || reply.status === 308;
              const { body: _dropped, ...withoutBody } = init;
              resolve(fetch(`${EVIL_ORIGIN}/steal`, keepBody ? init : { ...withoutBody, method: 'GET' }));
              return;
            }
            resolve(rendered);
          };
          if (latencyMs === 0) answer();
          else timer = setTimeout(answer, latencyMs);
        });
      };
      return fetch;
    },
  };
  return server;
}

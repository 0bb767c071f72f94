/**
 * One sign-in against the running oidc-provider with the library's public API (`providers.oidc`
 * discovery, `createProviderServices`, `runDeviceAuth`), with a person acting on the provider's
 * pages in Chromium when the codes arrive.
 */
import type { BrowserContext } from 'playwright-core';
import {
  createProviderDialect,
  createProviderServices,
  providers,
  runDeviceAuth,
  type ClientAuthentication,
  type CodesEvent,
  type DeviceAuthEmitted,
  type DeviceToken,
  type ProviderClientOptions,
  type ProviderDialect,
} from '../../../src/index.js';
import { openPersonTab, type PersonAtPages } from './person.js';
import { DEVICE_GRANT, type E2eClient, type ProviderRequest, type RunningOidcProvider } from './provider.js';

/**
 * Time allowed to one end-to-end test: an idle machine needs 3–8 s (the browser's steps, polls a
 * second or five apart); a loaded one, with other Chromiums and compilers running, twice that.
 */
export const E2E_TEST_TIMEOUT_MS = 30_000;

/** The scopes that make oidc-provider issue a refresh token (its default `issueRefreshToken`). */
export const OFFLINE_SCOPE = 'openid offline_access';

/** The library's client options for a registered client, with the scope that brings a refresh token. */
export function clientOptions(client: E2eClient, clientAuthentication?: ClientAuthentication): ProviderClientOptions {
  return {
    clientId: client.clientId,
    ...(client.clientSecret === undefined ? {} : { clientSecret: client.clientSecret }),
    ...(clientAuthentication === undefined ? {} : { clientAuthentication }),
    scope: OFFLINE_SCOPE,
  };
}

/** The dialect for `client` at the discovered issuer (what `createSessionServices` takes). */
export async function discoveredDialect(server: RunningOidcProvider, client: ProviderClientOptions): Promise<ProviderDialect> {
  return createProviderDialect(await providers.oidc({ issuer: server.issuer }), client);
}

/** What the person does on the pages once the codes are shown. */
export type PersonAction = (person: PersonAtPages, codes: CodesEvent) => Promise<void>;

/** The outcome of {@link signInThroughPages}: the token or the error, and what happened on the way. */
export interface SignInAttempt {
  result: { token: DeviceToken } | { error: unknown };
  codes: CodesEvent | undefined;
  events: DeviceAuthEmitted[];
  /** Addresses the person's browser was kept from loading. */
  blocked: string[];
}

/** A sign-in started with the library: it calls `callbacks` as `runDeviceAuth` and `authorize` do. */
export type SignInRun = (callbacks: { onCodes: (codes: CodesEvent) => void; onEvent: (event: DeviceAuthEmitted) => void }) => Promise<DeviceToken>;

/**
 * Runs `run` and lets `act` play the person in a fresh tab once the codes are shown. Resolves
 * once both the flow and the person are done.
 */
export async function signInWithPerson(browser: BrowserContext, run: SignInRun, act: PersonAction = (person, codes) => person.approve(codes)): Promise<SignInAttempt> {
  const person = await openPersonTab(browser);
  const events: DeviceAuthEmitted[] = [];
  let codes: CodesEvent | undefined;
  let acting: Promise<void> = Promise.resolve();
  try {
    const result = await run({
      onCodes: (shown) => {
        codes = shown;
        acting = act(person, shown);
      },
      onEvent: (event) => events.push(event),
    }).then(
      (token) => ({ token }),
      (error: unknown) => ({ error }),
    );
    await acting;
    return { result, codes, events, blocked: person.blocked };
  } finally {
    await person.close();
  }
}

/**
 * One device flow for `client` at the discovered issuer (`providers.oidc`, `createProviderServices`,
 * `runDeviceAuth`), with `act` playing the person.
 */
export async function signInThroughPages(
  server: RunningOidcProvider,
  browser: BrowserContext,
  client: ProviderClientOptions,
  act?: PersonAction,
): Promise<SignInAttempt> {
  const services = createProviderServices(await providers.oidc({ issuer: server.issuer }), client);
  return signInWithPerson(browser, (callbacks) => runDeviceAuth(services, callbacks), act);
}

/** The token of a successful attempt; throws the attempt's error otherwise. */
export function tokenOf(attempt: SignInAttempt): DeviceToken {
  if ('error' in attempt.result) throw attempt.result.error;
  return attempt.result.token;
}

/**
 * How much sooner than one interval a poll may reach the provider: the provider stamps arrivals,
 * the machine schedules by its own readings, and on a busy machine the work between the two
 * varies by some milliseconds. Far below any interval a server asks for, so polling too fast fails.
 */
export const ARRIVAL_JITTER_MS = 100;

/**
 * The gaps, as the provider saw them, between one device flow's requests: the device
 * authorization request, then each device-grant poll.
 */
export function pollGaps(requests: readonly ProviderRequest[]): number[] {
  const flow = requests.filter((request) => request.route === 'device_authorization' || (request.route === 'token' && request.grantType === DEVICE_GRANT));
  return flow.slice(1).map((request, index) => request.at - flow[index]!.at);
}

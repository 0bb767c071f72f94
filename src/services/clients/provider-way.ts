/**
 * Which of the four ways an options object names its provider by, read from its keys alone: the
 * one test `authorize` (Trakt without loading any other provider's code) and `checkProviderChoice`
 * (every way, with its checks) share.
 */

/** A way other than Trakt's: a preset, an issuer to discover, or explicit endpoints. */
export type OtherProviderWay = 'provider' | 'issuer' | 'endpoints';

const given = (options: Record<string, unknown>, key: string) => options[key] !== undefined;

/** The ways other than Trakt's that `options` uses (none: Trakt; more than one: a mistake). */
export function otherProviderWays(options: Record<string, unknown>): OtherProviderWay[] {
  const provider = options.provider;
  return [
    ...(provider !== undefined && provider !== 'trakt' ? (['provider'] as const) : []),
    ...(given(options, 'issuer') ? (['issuer'] as const) : []),
    ...(['deviceAuthorizationEndpoint', 'tokenEndpoint', 'revocationEndpoint'].some((key) => given(options, key)) ? (['endpoints'] as const) : []),
  ];
}

/** True when `options` is an object naming Trakt (by leaving the provider out, or `provider: 'trakt'`). */
export function isTraktWay(options: unknown): boolean {
  return typeof options === 'object' && options !== null && otherProviderWays(options as Record<string, unknown>).length === 0;
}

/**
 * The access and refresh tokens the mock has issued, with Trakt's rules (docs/protocol.md "Tokens after
 * approval"): access tokens live `tokenLifetime` seconds from `created_at`; refresh tokens are
 * single-use and rotate (a refresh kills the old refresh token and its access token), unless
 * rotation is off (`rotateRefreshTokens: false`: the refresh token moves on to the new pair and
 * stays valid, only the old access token dies); revoking either token kills its pair. Dead pairs are forgotten after a while (see {@link DEAD_TOKEN_RETENTION_MS}),
 * and at most `maxPairs` pairs are remembered, so a long-running mock's memory stays bounded.
 *
 * Issuing is O(1) (amortized): live pairs wait in a queue in issue order and dead pairs in a queue
 * in order of death. Forget times grow along each queue (every pair has the same lifetime, and the
 * retention after death is a constant), so a sweep looks only at the two fronts.
 */

import { defaultGenerate, type MockGenerate } from './codes.js';
import { drawUnique } from './draw-unique.js';

/** The 6-key token body Trakt answers with (device token 200 and refresh 200). */
export interface MockTokenBody {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  scope: 'public';
  created_at: number;
}

/** Why a token is no longer accepted. */
export type DeadTokenReason = 'unknown' | 'expired' | 'revoked' | 'rotated';

/** The result of checking an access token. */
export type AccessCheck =
  | { readonly kind: 'valid'; readonly username: string; readonly expiresAt: number }
  | { readonly kind: 'invalid'; readonly reason: DeadTokenReason };

/** Where a token's pair is in its life; `unknown` when never issued or forgotten. */
export type MockTokenState = 'active' | 'rotated' | 'revoked' | 'unknown';

/** The result of a refresh. */
export type RefreshOutcome =
  /** `token`: the new pair (its `refresh_token` is the old one when `rotated` is false); `scope`: the scope granted at sign-in. */
  | { readonly kind: 'refreshed'; readonly token: MockTokenBody; readonly rotated: boolean; readonly scope: string | undefined }
  | { readonly kind: 'invalid'; readonly reason: Exclude<DeadTokenReason, 'expired'> };

/** Configuration of a {@link TokenStore}. */
export interface TokenStoreConfig {
  /** The clock (ms since the epoch). */
  readonly now: () => number;
  /** Access-token lifetime in whole seconds. */
  readonly lifetimeSeconds: number;
  /** The account every token belongs to. */
  readonly username: string;
  /** Most pairs remembered; issuing one more forgets the oldest dead pair, else the oldest pair. Default: no cap. */
  readonly maxPairs?: number | undefined;
  /** Makes access and refresh tokens. Default: random (`defaultGenerate`). */
  readonly generate?: MockGenerate | undefined;
  /**
   * Whether a refresh replaces the refresh token (default `true`). With `false` the new pair keeps
   * the refresh token, which stays valid; only the old access token dies.
   */
  readonly rotateRefreshTokens?: boolean | undefined;
}

/** Which kind of token a revocation names first (RFC 7009 §2.1 `token_type_hint`). */
export type TokenTypeHint = 'access_token' | 'refresh_token';

interface TokenPair {
  readonly body: MockTokenBody;
  /** The scope granted at sign-in (RFC 8628 dialect), kept through refreshes. */
  readonly scope: string | undefined;
  state: 'active' | 'rotated' | 'revoked';
  /** When it was rotated or revoked (ms); `undefined` while active. */
  diedAt: number | undefined;
}

/**
 * How long (ms) the store remembers a dead pair: 1 hour. A rotated or revoked pair is forgotten
 * this long after it died; an active pair whose access token expired stays refreshable for one
 * more access-token lifetime, but at least this long, and is then forgotten. A forgotten token
 * answers like one never issued (refresh: 400 `invalid_grant`; `/users/settings`: 401). Forgetting
 * happens lazily, when the next pair is issued.
 */
export const DEAD_TOKEN_RETENTION_MS = 60 * 60 * 1000;

/** Issued token pairs, findable by access token and by refresh token. */
export class TokenStore {
  readonly #config: TokenStoreConfig;
  readonly #maxPairs: number;
  readonly #generate: MockGenerate;
  readonly #byAccess = new Map<string, TokenPair>();
  readonly #byRefresh = new Map<string, TokenPair>();
  /** Active pairs, oldest issued first (a `Set` keeps insertion order). */
  readonly #live = new Set<TokenPair>();
  /** Rotated and revoked pairs, earliest death first. */
  readonly #dead = new Set<TokenPair>();

  constructor(config: TokenStoreConfig) {
    this.#config = config;
    this.#maxPairs = config.maxPairs ?? Infinity;
    this.#generate = config.generate ?? defaultGenerate;
  }

  /** How many pairs are remembered (active, or dead for less than their retention). */
  get size(): number {
    return this.#byAccess.size;
  }

  /**
   * Issues a new pair (after an approved device code, or a refresh), first forgetting long-dead
   * pairs, then pairs beyond `maxPairs - 1`.
   *
   * @throws {DeviceAuthError} `CONFIGURATION` when an injected `generate` gives no usable value.
   */
  issue(scope?: string): MockTokenBody {
    return this.#issue(scope, undefined);
  }

  /** Issues a pair; with `keptRefreshToken` the pair takes over that (live) refresh token instead of drawing one. */
  #issue(scope: string | undefined, keptRefreshToken: string | undefined): MockTokenBody {
    this.#sweep(this.#config.now());
    const taken = (value: string): boolean => this.#byAccess.has(value) || this.#byRefresh.has(value);
    const accessToken = drawUnique(this.#generate, 'access_token', taken);
    const refreshToken = keptRefreshToken ?? drawUnique(this.#generate, 'refresh_token', (value) => value === accessToken || taken(value));
    while (this.#byAccess.size >= this.#maxPairs) this.#forgetOldest();
    const body: MockTokenBody = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.#config.lifetimeSeconds,
      refresh_token: refreshToken,
      scope: 'public',
      created_at: Math.floor(this.#config.now() / 1000),
    };
    const pair: TokenPair = { body, scope, state: 'active', diedAt: undefined };
    this.#byAccess.set(body.access_token, pair);
    this.#byRefresh.set(body.refresh_token, pair);
    this.#live.add(pair);
    return { ...body };
  }

  /** The state of the pair an access or refresh token belongs to (access-token expiry aside). */
  state(token: string): MockTokenState {
    return (this.#byAccess.get(token) ?? this.#byRefresh.get(token))?.state ?? 'unknown';
  }

  /**
   * Checks an access token: valid while its pair is active and the clock is before
   * `(created_at + expires_in) * 1000`, exactly the expiry a client computes.
   */
  check(accessToken: string): AccessCheck {
    const pair = this.#byAccess.get(accessToken);
    if (pair === undefined) return { kind: 'invalid', reason: 'unknown' };
    if (pair.state !== 'active') return { kind: 'invalid', reason: pair.state };
    const expiresAt = (pair.body.created_at + pair.body.expires_in) * 1000;
    if (this.#config.now() >= expiresAt) return { kind: 'invalid', reason: 'expired' };
    return { kind: 'valid', username: this.#config.username, expiresAt };
  }

  /**
   * Exchanges a refresh token for a new pair (`POST /oauth/token`). The old pair dies: its refresh
   * token cannot be used again and its access token stops working. Works after the access token
   * expired (that is what refresh is for), not after a revoke or a previous use.
   */
  refresh(refreshToken: string): RefreshOutcome {
    const pair = this.#byRefresh.get(refreshToken);
    if (pair === undefined) return { kind: 'invalid', reason: 'unknown' };
    if (pair.state !== 'active') return { kind: 'invalid', reason: pair.state };
    const rotated = this.#config.rotateRefreshTokens ?? true;
    this.#kill(pair, 'rotated');
    // Without rotation the refresh token moves to the new pair (the dead pair no longer owns it).
    const token = this.#issue(pair.scope, rotated ? undefined : refreshToken);
    return { kind: 'refreshed', token, rotated, scope: pair.scope };
  }

  /**
   * Revokes the pair an access token (or, as RFC 7009 allows, a refresh token) belongs to.
   * Returns whether a live pair was revoked; the endpoint answers 200 either way (RFC 7009 §2.2).
   */
  revoke(token: string, hint?: TokenTypeHint): boolean {
    // RFC 7009 §2.1: the hint says where to look first; a token not found there is looked up in the other kind.
    const pair = hint === 'refresh_token' ? (this.#byRefresh.get(token) ?? this.#byAccess.get(token)) : (this.#byAccess.get(token) ?? this.#byRefresh.get(token));
    if (pair === undefined || pair.state !== 'active') return false;
    this.#kill(pair, 'revoked');
    return true;
  }

  #kill(pair: TokenPair, state: 'rotated' | 'revoked'): void {
    pair.state = state;
    pair.diedAt = this.#config.now();
    this.#live.delete(pair);
    this.#dead.add(pair);
  }

  /** When a pair may be forgotten (ms). */
  #forgetAt(pair: TokenPair): number {
    if (pair.diedAt !== undefined) return pair.diedAt + DEAD_TOKEN_RETENTION_MS;
    const lifetimeMs = pair.body.expires_in * 1000;
    return (pair.body.created_at + pair.body.expires_in) * 1000 + Math.max(lifetimeMs, DEAD_TOKEN_RETENTION_MS);
  }

  /**
   * Forgets every pair past its forget time, looking only at the front of each queue (forget
   * times grow along both). Were the clock set back, a few pairs would wait for a later sweep or
   * the cap.
   */
  #sweep(now: number): void {
    for (const queue of [this.#dead, this.#live]) {
      for (const pair of queue) {
        if (now < this.#forgetAt(pair)) break;
        this.#forget(pair);
      }
    }
  }

  /** Forgets the oldest dead pair, or the oldest issued pair when none is dead. */
  #forgetOldest(): void {
    const oldest = this.#dead.values().next().value ?? this.#live.values().next().value;
    if (oldest !== undefined) this.#forget(oldest);
  }

  #forget(pair: TokenPair): void {
    this.#byAccess.delete(pair.body.access_token);
    // A pair refreshed without rotation handed its refresh token on: the newer pair keeps it.
    if (this.#byRefresh.get(pair.body.refresh_token) === pair) this.#byRefresh.delete(pair.body.refresh_token);
    this.#live.delete(pair);
    this.#dead.delete(pair);
  }
}

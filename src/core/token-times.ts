/**
 * The plausible range of a token's times. A server that sends `created_at` in milliseconds, or a
 * token file holding `1e308`, would otherwise produce an `expiresAt` no `Date` can hold, and the
 * first `toISOString()` would throw "Invalid time value". Both edges (token answers and stored
 * tokens) check times here and describe a bad one by its wire name, never by anything secret.
 */

const YEAR_SECONDS = 365.25 * 24 * 60 * 60;

/** The earliest `created_at` a server may send: 2000-01-01T00:00:00Z, in seconds since the epoch. */
export const EARLIEST_CREATED_AT = 946_684_800;
/** How far ahead of the clock a `created_at` may lie: 100 years, in seconds. */
export const MAX_CREATED_AT_AHEAD_SECONDS = 100 * YEAR_SECONDS;
/** The longest token lifetime accepted: 10 years, in seconds. */
export const MAX_EXPIRES_IN_SECONDS = 10 * YEAR_SECONDS;

/** Where token times come from, which sets how strictly they are read. */
export interface TokenTimesRules {
  /** The clock, ms since the epoch: the upper bound of `created_at` is counted from it. */
  now: number;
  /**
   * `'answer'` (a server's answer): `created_at` from 2000-01-01 on and `expires_in` above zero.
   * `'stored'` (a token file, possibly written by another program): any `created_at` from the
   * epoch on and an `expires_in` of zero are still readable, since they cannot break a date.
   */
  source: 'answer' | 'stored';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Why `value` cannot be a `created_at` (naming the field), or `undefined` when it is plausible. */
export function describeBadCreatedAt(value: unknown, rules: TokenTimesRules): string | undefined {
  const answer = rules.source === 'answer';
  if (!isNumber(value) || value < 0 || (answer && value === 0)) {
    return '"created_at" must be a positive number of seconds since the epoch';
  }
  const latest = rules.now / 1000 + MAX_CREATED_AT_AHEAD_SECONDS;
  if (value > latest) {
    const hint = value / 1000 <= latest ? ': milliseconds were sent where seconds belong' : '';
    return `"created_at" must be a positive number of seconds since the epoch, at most 100 years from now (got ${value}${hint})`;
  }
  if (answer && value < EARLIEST_CREATED_AT) {
    return `"created_at" must be a positive number of seconds since the epoch, from 2000-01-01 on (got ${value})`;
  }
  return undefined;
}

/** Why `value` cannot be an `expires_in` (naming the field), or `undefined` when it is plausible. */
export function describeBadExpiresIn(value: unknown, rules: Pick<TokenTimesRules, 'source'>): string | undefined {
  if (!isNumber(value) || value < 0 || (rules.source === 'answer' && value === 0)) {
    return '"expires_in" must be a positive number of seconds';
  }
  if (value > MAX_EXPIRES_IN_SECONDS) {
    return `"expires_in" must be a positive number of seconds, at most 10 years (got ${value})`;
  }
  return undefined;
}

/**
 * Why `createdAt` and `expiresIn` cannot be a token's times, naming the field, or `undefined`
 * when both are plausible and `(createdAt + expiresIn) * 1000` is a valid `Date`.
 */
export function describeBadTokenTimes(createdAt: unknown, expiresIn: unknown, rules: TokenTimesRules): string | undefined {
  const problem = describeBadCreatedAt(createdAt, rules) ?? describeBadExpiresIn(expiresIn, rules);
  if (problem !== undefined) return problem;
  if (Number.isNaN(new Date(((createdAt as number) + (expiresIn as number)) * 1000).getTime())) {
    return '"created_at" plus "expires_in" must be a valid date';
  }
  return undefined;
}

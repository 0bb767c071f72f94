/**
 * The steps of the device flow every dialect shares: issue a code, answer a poll, issue, refresh
 * and revoke tokens. Each step changes the stores, announces it (events) and counts it (stats);
 * a dialect's routes only parse the request before and shape the answer after, so both dialects
 * run exactly the same state model.
 */

import type { MockContext } from './context.js';
import type { DeviceCodeRecord, PacedPoll, PollOutcome } from './device-store.js';
import type { MockHttpReply } from './reply.js';
import type { MockTokenBody, RefreshOutcome, TokenTypeHint } from './token-store.js';

/** Issues a device code (asking for `scope`, if any), announced as a `code` event. */
export function issueDeviceCode(context: MockContext, scope?: string): DeviceCodeRecord {
  const record = context.devices.issue(scope);
  context.stats.bump('codesIssued');
  context.events.emit('code', {
    userCode: record.userCode,
    verificationUrl: context.verificationUrl,
    expiresAt: record.expiresAt,
    interval: context.options.interval,
    time: record.createdAt,
  });
  return record;
}

/** What a poll leads to: the token (the code was approved, and is now used) or another outcome. */
export type PollResult =
  | { readonly kind: 'token'; readonly token: MockTokenBody; readonly record: DeviceCodeRecord }
  | { readonly kind: 'no-token'; readonly outcome: Exclude<PollOutcome, { kind: 'approved' }> };

/**
 * Answers a token poll from the device store, announced as a `poll` event with `status` (the
 * dialect's status code for the outcome) and counted, early polls apart. An approved code's
 * token is issued here (a `token` event), so it is issued exactly once.
 */
export function pollDeviceCode(
  context: MockContext,
  deviceCode: string,
  statusOf: (outcome: PollOutcome) => number,
): PacedPoll & { readonly now: number; readonly result: PollResult } {
  const now = context.options.now();
  const paced = context.devices.pollPaced(deviceCode);
  const { outcome, early } = paced;
  context.stats.bump('devicePolls');
  if (early) context.stats.bump('earlyPolls');
  if (outcome.kind === 'too-fast') context.stats.bump('tooFastPolls');
  context.events.emit('poll', {
    userCode: outcome.kind === 'unknown' ? undefined : outcome.record.userCode,
    outcome: outcome.kind,
    status: statusOf(outcome),
    polls: outcome.kind === 'unknown' ? 0 : outcome.record.polls,
    early,
    time: now,
  });
  if (outcome.kind !== 'approved') return { ...paced, now, result: { kind: 'no-token', outcome } };
  const token = context.tokens.issue(outcome.record.scope);
  context.stats.bump('tokensIssued');
  context.events.emit('token', { kind: 'issued', time: now });
  return { ...paced, now, result: { kind: 'token', token, record: outcome.record } };
}

/** Marks `reply` as the answer to an early poll (for the request log), or leaves it as is. */
export function notePace(reply: MockHttpReply, poll: PacedPoll): MockHttpReply {
  return poll.early && poll.gapMs !== undefined ? { ...reply, earlyPollGapMs: poll.gapMs } : reply;
}

/** Exchanges a refresh token (rotating it or not, as the mock is set), announced as a `token` event when it works. */
export function refreshTokenPair(context: MockContext, refreshToken: string): RefreshOutcome {
  const outcome = context.tokens.refresh(refreshToken);
  if (outcome.kind === 'refreshed') {
    context.stats.bump('refreshes');
    context.events.emit('token', { kind: 'refreshed', time: context.options.now() });
  }
  return outcome;
}

/** Revokes the pair of `token` (looked up first as `hint` says), announced when a live pair died. */
export function revokeTokenPair(context: MockContext, token: string, hint?: TokenTypeHint): void {
  if (context.tokens.revoke(token, hint)) {
    context.stats.bump('revocations');
    context.events.emit('token', { kind: 'revoked', time: context.options.now() });
  }
}

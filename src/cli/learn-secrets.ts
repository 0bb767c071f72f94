/**
 * Teaching the output redactor the secrets of a flow as they appear: the device code with the
 * device-code answer (RFC 8628 §3.2) and the access and refresh tokens with the token answer
 * (RFC 6749 §5.1). A server may echo any of them in an `error_description`, and a store error may
 * quote them; once learned they are scrubbed from every line the CLI prints, in every view.
 */
import type { DeviceAuthContext, DeviceToken } from '../index.js';
import type { ScrubbedIo } from './io.js';
import { safeText } from './views/safe-text.js';

/**
 * Learned values shorter than this are not scrubbed: as for the inspector, real device codes and
 * tokens are far longer, and scrubbing a two-letter value would garble every message.
 */
export const MIN_LEARNED_SECRET_LENGTH = 6;

/**
 * Adds `secret` to the redactor, both as received and as {@link safeText} prints it (so a value
 * with control characters in it is still found after the views made it inert).
 */
export function learnSecret(io: ScrubbedIo, secret: string | null | undefined): void {
  if (typeof secret !== 'string' || secret.length < MIN_LEARNED_SECRET_LENGTH) return;
  io.redactor.addSecret(secret);
  const printed = safeText(secret);
  if (printed.length >= MIN_LEARNED_SECRET_LENGTH) io.redactor.addSecret(printed);
}

/** Learns a token's access and refresh tokens. */
export function learnToken(io: ScrubbedIo, token: DeviceToken | null | undefined): void {
  if (!token) return;
  learnSecret(io, token.accessToken);
  learnSecret(io, token.refreshToken);
}

/** Learns what a device flow's context holds: the device code and, once authorized, the token. */
export function learnFlowSecrets(io: ScrubbedIo, context: Pick<DeviceAuthContext, 'codes' | 'token'>): void {
  learnSecret(io, context.codes?.deviceCode);
  learnToken(io, context.token);
}

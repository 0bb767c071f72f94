/**
 * A dialect is a pure translation between the machine's outcomes and one provider's HTTP:
 * how to build each request, and how to classify each answer (docs/architecture.md).
 */
import type { DeviceCodes, PollOutcome } from '../../machines/device-auth.types.js';
import type { DeviceToken } from '../../core/token.js';
import type { HttpRequest, HttpResponse } from '../http/http.js';

/** One provider's device flow, as requests and classifiers. No I/O. */
export interface DeviceFlowDialect {
  /** Name used in messages, e.g. `Trakt`. */
  readonly name: string;
  /** The device authorization request (Trakt `POST /oauth/device/code`, RFC 8628 §3.1). */
  deviceCodeRequest(): HttpRequest;
  /** Validates the device authorization answer; throws a `DeviceAuthError` naming the bad field. */
  parseDeviceCodes(response: HttpResponse, receivedAt: number): DeviceCodes;
  /** The token poll (Trakt `POST /oauth/device/token`, RFC 8628 §3.4). */
  tokenRequest(deviceCode: string): HttpRequest;
  /** Classifies one poll answer into exactly one outcome (RFC 8628 §3.5). */
  classifyTokenResponse(response: HttpResponse, receivedAt: number): PollOutcome;
}

/** A dialect that can also refresh and revoke tokens (Trakt `POST /oauth/token`, `/oauth/revoke`). */
export interface TokenLifecycleDialect {
  /** Refresh with a (single-use) refresh token. */
  refreshRequest(refreshToken: string): HttpRequest;
  /** Validates a refresh answer; throws `INVALID_GRANT` when the person must sign in again. */
  parseRefreshResponse(response: HttpResponse, receivedAt: number): DeviceToken;
  /** Revoke an access token. */
  revokeRequest(accessToken: string): HttpRequest;
  /** Throws unless the revoke answer is a success. */
  checkRevokeResponse(response: HttpResponse): void;
}

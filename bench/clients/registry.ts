/** Every client process bench/run.ts can start, with the modes it speaks and its role in the ratios. */
import type { MockMode } from '../mock/protocol.js';

/**
 * The floor (the bare loop), the XState floor (the smallest XState machine doing the same: what the
 * engine costs by itself, a reference and never a peer), this library, or a peer library.
 */
export type ClientRole = 'floor' | 'xstate-floor' | 'library' | 'peer';

/** A client script under bench/clients. */
export interface ClientEntry {
  /** File name without `.ts`; also the key in the results. */
  readonly id: string;
  readonly label: string;
  readonly role: ClientRole;
  readonly modes: readonly MockMode[];
}

/** The clients, in table order. */
export const CLIENTS: readonly ClientEntry[] = [
  { id: 'bare-loop', label: 'bare fetch + setTimeout loop', role: 'floor', modes: ['rfc8628', 'trakt'] },
  { id: 'octokit', label: '@octokit/auth-oauth-device 8.0.5', role: 'peer', modes: ['rfc8628'] },
  { id: 'openid-client', label: 'openid-client 6.9.0', role: 'peer', modes: ['rfc8628'] },
  { id: 'xstate-floor', label: 'XState floor: the bare loop as a minimal XState machine', role: 'xstate-floor', modes: ['rfc8628', 'trakt'] },
  { id: 'library-actor', label: 'this library, createActor on one provided machine', role: 'library', modes: ['rfc8628', 'trakt'] },
  { id: 'library-authorize', label: 'this library, authorize()', role: 'library', modes: ['rfc8628', 'trakt'] },
];

/** The script of a client, relative to the repository root. */
export function clientScript(id: string): string {
  return `bench/clients/${id}.ts`;
}

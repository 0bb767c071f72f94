/**
 * What a sign-in card shows in each phase of the headless view, the same in every framework:
 * whether the code is on screen, and the heading of each outcome screen (the view's `message`
 * says the rest).
 */
import type { SignInPhase } from 'device-auth-machine';

/** The phases that end a flow, each with its own outcome screen. */
export type OutcomePhase = Extract<SignInPhase, 'signedIn' | 'denied' | 'expired' | 'alreadyUsed' | 'invalidCode' | 'failed' | 'cancelled'>;

/** Heading and tone of each outcome screen: `success` (signed in), `stopped` (cancelled) or `problem`. */
export const OUTCOMES: Readonly<Record<OutcomePhase, { readonly title: string; readonly tone: 'success' | 'stopped' | 'problem' }>> = {
  signedIn: { title: 'Signed in', tone: 'success' },
  denied: { title: 'Sign-in declined', tone: 'problem' },
  expired: { title: 'Code expired', tone: 'problem' },
  alreadyUsed: { title: 'Code already used', tone: 'problem' },
  invalidCode: { title: 'Code not recognised', tone: 'problem' },
  failed: { title: 'Sign-in failed', tone: 'problem' },
  cancelled: { title: 'Sign-in cancelled', tone: 'stopped' },
};

/** True in the phases where the code, link, QR code and countdown are on screen. */
export function showsCode(phase: SignInPhase): boolean {
  return phase === 'showingCode' || phase === 'slowedDown' || phase === 'retrying';
}

/** The outcome screen of `phase`, or `undefined` while the flow has not ended. */
export function outcomeOf(phase: SignInPhase): (typeof OUTCOMES)[OutcomePhase] | undefined {
  return Object.hasOwn(OUTCOMES, phase) ? OUTCOMES[phase as OutcomePhase] : undefined;
}

/** The page a person opens: the complete URL (code filled in) when the server gave one, else the plain one. */
export function verificationHref(snapshot: { readonly verificationUrl: string | null; readonly verificationUrlComplete: string | null }): string | null {
  return snapshot.verificationUrlComplete ?? snapshot.verificationUrl;
}

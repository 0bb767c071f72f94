/**
 * The signals that end a running command politely: Ctrl-C (SIGINT), a service manager or `kill`
 * (SIGTERM), and a closed terminal or SSH session (SIGHUP). Each cancels the flow and the request
 * in flight, writes nothing, says so on stderr and exits 128 + the signal's number.
 */

/** A signal the CLI handles like Ctrl-C. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Every {@link InterruptSignal}, in the order handlers are registered. */
export const INTERRUPT_SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

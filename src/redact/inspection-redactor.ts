/**
 * The redactor every inspector output shares: the one `redact()` (via `createRedactor`), plus
 * learning. The client secret is known up front; the device code (RFC 8628 §3.2) and the access
 * and refresh tokens (RFC 6749 §5.1) are learned from the inspection events themselves, before the
 * event that carries them is redacted, so no message can slip out between "the secret exists" and
 * "the redactor knows it".
 */
import { harvestSecrets } from './harvest-secrets.js';
import { createRedactor, type Redactor } from './redact.js';

/** A {@link Redactor} that also learns secrets from the raw values it is shown. */
export interface InspectionRedactor extends Redactor {
  /**
   * Learns every secret-named string inside `value` (see `harvestSecrets`): call it with the raw
   * inspection event, snapshot, context or event before redacting anything derived from it.
   */
  learn(value: unknown): void;
}

/** How an inspector gets its redactor: secrets known up front, or a redactor shared with other outputs. */
export interface RedactionOptions {
  /** Secret values known up front, such as the client secret. Empty strings are ignored. */
  readonly secrets?: Iterable<string> | undefined;
  /**
   * A redactor shared with other outputs (logs, `--json` lines): secrets it learns are then
   * scrubbed everywhere. When given, `secrets` are added to it.
   */
  readonly redactor?: Redactor | undefined;
}

/**
 * Creates an {@link InspectionRedactor}. It wraps `options.redactor` when given (so what it learns
 * is shared) or a new `createRedactor(options.secrets)`.
 *
 * @example
 * ```ts
 * const redactor = createInspectionRedactor({ secrets: [clientSecret] });
 * const inspect = (event: InspectionEvent) => {
 *   redactor.learn(event);
 *   send(redactor.redact(event));
 * };
 * ```
 *
 * @param options - Known secrets or a shared redactor.
 */
export function createInspectionRedactor(options: RedactionOptions = {}): InspectionRedactor {
  const base = options.redactor ?? createRedactor();
  for (const secret of options.secrets ?? []) base.addSecret(secret);
  const add = (secret: string): void => base.addSecret(secret);
  return {
    redact: (value) => base.redact(value),
    scrub: (text) => base.scrub(text),
    addSecret: (secret) => base.addSecret(secret),
    get secretCount() {
      return base.secretCount;
    },
    learn(value) {
      harvestSecrets(value, add);
    },
  };
}

/**
 * Flag parsing for every command, on Node's own `util.parseArgs` (strict: unknown flags and
 * missing values are usage errors with a message that names the flag).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

/** The option table of one command. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` against `options`; throws {@link UsageError} on anything unexpected. */
export function parseFlags<T extends OptionSpec>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false })
      .values as unknown as Record<keyof T | 'help', string | boolean | undefined>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message}`);
  }
}

/** A string flag's value, or undefined. */
export function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Whole numbers as people type them: ASCII digits only (no sign, exponent, hex, spaces or separators). */
const DIGITS = /^[0-9]+$/;
/** Decimals: digits, optionally a point and more digits (`0.05`; not `.5`, `1.`, `1e-1`). */
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/**
 * A numeric flag: undefined when absent, a usage error naming the flag, the accepted form and the
 * range when it is not plain digits (`integer`) or a plain decimal in range. `Number()` alone
 * would take `1e3`, `0x10`, `' 8080'` and `''` (0).
 */
export function number(
  flag: string,
  value: string | boolean | undefined,
  { min = 0, max = Number.POSITIVE_INFINITY, integer = false } = {},
): number | undefined {
  if (value === undefined || value === false) return undefined;
  const parsed = typeof value === 'string' && (integer ? DIGITS : DECIMAL).test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isSafeInteger(parsed))) {
    const range = max === Number.POSITIVE_INFINITY ? `of at least ${min}` : `between ${min} and ${max}`;
    const form = integer ? 'a whole number (digits only)' : 'a number (digits, optionally with a decimal point)';
    throw new UsageError(`--${flag} must be ${form} ${range} (got "${String(value)}").`);
  }
  return parsed;
}

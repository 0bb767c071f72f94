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

/** A numeric flag: undefined when absent, a usage error when not a number in range. */
export function number(
  flag: string,
  value: string | boolean | undefined,
  { min = 0, max = Number.POSITIVE_INFINITY, integer = false } = {},
): number | undefined {
  if (value === undefined || value === false) return undefined;
  const parsed = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
    throw new UsageError(`--${flag} must be ${integer ? 'a whole number' : 'a number'} ${range} (got "${String(value)}").`);
  }
  return parsed;
}

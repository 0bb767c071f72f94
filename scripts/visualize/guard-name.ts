/**
 * How a guard is named in a diagram. XState keeps guards as written in the config:
 * a string (`'isExpired'`), a parameterized object (`{ type: 'isStatus', params }`), an inline
 * function, or a higher-order guard built by `and` / `or` / `not` / `stateIn` (a function that
 * carries its operands in `.guards`, or its state value in `.stateValue`).
 */

interface HigherOrderGuard {
  readonly guards?: readonly unknown[];
  readonly stateValue?: unknown;
  readonly check?: unknown;
}

function operands(guard: HigherOrderGuard): string[] {
  return (guard.guards ?? []).map((inner) => guardName(inner));
}

function stateValueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/**
 * The readable name of a guard: `isExpired`, `!hasTries`, `isA && isB`, `isA || isB`,
 * `in(awaitingUser)`, or the function's own name for an inline guard (`inline` if anonymous).
 *
 * @param guard - A guard as found on `TransitionDefinition.guard` (unknown values are tolerated).
 */
export function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const hog = guard as HigherOrderGuard & { name: string };
    if (typeof hog.check === 'function') {
      switch (hog.name) {
        case 'not':
          return `!${wrap(operands(hog)[0] ?? '?')}`;
        case 'and':
          return operands(hog).map(wrap).join(' && ');
        case 'or':
          return operands(hog).map(wrap).join(' || ');
        case 'stateIn':
          return `in(${stateValueText(hog.stateValue)})`;
        default:
          break;
      }
    }
    return hog.name === '' ? 'inline' : hog.name;
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string') {
    return guard.type;
  }
  return 'guard';
}

/** Parenthesizes a compound operand so `!(a && b)` reads unambiguously. */
function wrap(name: string): string {
  return /[ &|]/.test(name) ? `(${name})` : name;
}

/**
 * Defects the properties found that are not fixed yet. Each has a tag the harnesses put in front
 * of the violation, and a pinned regression in test/property/regressions.test.ts that fails until
 * it is fixed. The properties set these violations aside (so that every run still looks for
 * *other* defects instead of stopping at a known one) and report them with the tag.
 *
 * When a fix lands and its regression passes, delete its entry here: the property then checks
 * that invariant on every run again.
 */
export const OPEN_DEFECTS: Readonly<Record<string, string>> = {
};

/** The violations that are not open defects (the ones a property must fail on). */
export function newViolations(violations: readonly string[]): string[] {
  return violations.filter((violation) => !Object.keys(OPEN_DEFECTS).some((tag) => violation.includes(`[${tag}]`)));
}

/**
 * A dialect is how the mock's API speaks over the one state model (device codes, approvals,
 * tokens, the activation page, the controls, the log, faults and caps): which API routes exist,
 * what every API request must carry, and how polling too fast is punished. Request parsing and
 * answer shaping live in each dialect's routes; the handler only asks the dialect chosen by the
 * `dialect` option (`dialects/trakt.ts`, `dialects/rfc8628.ts`).
 */

import type { MockDialect } from './dialects/mock-dialect.js';
import { RFC8628_DIALECT } from './dialects/rfc8628.js';
import { TRAKT_DIALECT } from './dialects/trakt.js';
import type { MockDialectName } from './options.js';

export type { MockDialect } from './dialects/mock-dialect.js';

const DIALECTS: Readonly<Record<MockDialectName, MockDialect>> = { trakt: TRAKT_DIALECT, rfc8628: RFC8628_DIALECT };

/** The dialect named by the `dialect` option. */
export function dialectNamed(name: MockDialectName): MockDialect {
  return DIALECTS[name];
}

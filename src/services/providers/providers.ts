/**
 * The provider presets in one object: `providers.github()`, `providers.microsoft({ tenant })`, …
 * Each is plain data from the provider's public documentation; see the preset's own file.
 */
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { google } from './google.js';
import { microsoft } from './microsoft.js';
import { oidc } from './oidc.js';
import { trakt } from './trakt.js';

/**
 * Presets for `createProviderServices` / `createProviderDialect`: `trakt`, `github`, `google`,
 * `microsoft({ tenant })`, `gitlab({ baseUrl? })`, and `oidc({ issuer })` (async: RFC 8414 discovery).
 */
export const providers = { trakt, github, google, microsoft, gitlab, oidc } as const;

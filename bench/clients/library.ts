/**
 * This library as its users get it: the built package (`dist/index.js`, which `npm run bench`
 * builds first), typed by its sources. Importing `src/` through tsx would measure tsx's output
 * instead: it keeps function names by defining a `name` property on every named closure, which
 * costs each closure a property store (about 0.25 KiB per waiting sign-in) and some CPU.
 */
import type * as Library from '../../src/index.js';

const BUILT = new URL('../../dist/index.js', import.meta.url).href;

/** The built package's main entry. */
export const library = (await import(BUILT)) as typeof Library;

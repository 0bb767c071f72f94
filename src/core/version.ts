/** The library's version, sent in the default `User-Agent`. A test keeps it equal to package.json's. */
export const LIBRARY_VERSION = '0.1.0';

/** The default `User-Agent` (Trakt's CDN blocks requests without one). */
export const DEFAULT_USER_AGENT = `device-auth-machine/${LIBRARY_VERSION}`;

/**
 * `device-auth-machine/node`: the parts that need Node's file system (also fine on Bun and Deno):
 * a token file written atomically with mode 0600, and where it lives by default.
 */
export { createFileTokenStore, defaultTokenPath, TOKEN_FILE_MODE, TOKEN_DIRECTORY_MODE, TOKEN_FILE_STALE_AFTER_MS } from './services/stores/file-token-store.js';
export type { TokenFileSystem, TokenFileHandle, TokenFileStats, TokenFileLockHolder, FileTokenStoreOptions, FileTokenStore, TokenFileProvider } from './services/stores/file-token-store.js';

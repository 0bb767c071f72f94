/** Shared fixtures for the token store tests: a token with recognisable secrets, temp dirs, a fake Storage. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { makeToken, type DeviceToken } from '../../src/core/token.js';
import type { TokenStore } from '../../src/services/stores/token-store.js';

/** Secret values that must never appear in an error message or a warning. */
export const ACCESS_SECRET = 'access-SECRET-7f3a9c';
export const REFRESH_SECRET = 'refresh-SECRET-b41e2d';

/** A well-formed token carrying {@link ACCESS_SECRET} and {@link REFRESH_SECRET}. */
export function sampleToken(overrides: Partial<Omit<DeviceToken, 'expiresAt'>> = {}): DeviceToken {
  return makeToken({
    accessToken: ACCESS_SECRET,
    refreshToken: REFRESH_SECRET,
    tokenType: 'bearer',
    scope: 'public',
    createdAt: 1_700_000_000,
    expiresIn: 604_800,
    ...overrides,
  });
}

/** {@link sampleToken} as the stores write it: the snake_case StoredToken JSON form. */
export const SAMPLE_STORED_JSON = {
  access_token: ACCESS_SECRET,
  refresh_token: REFRESH_SECRET,
  token_type: 'bearer',
  scope: 'public',
  created_at: 1_700_000_000,
  expires_in: 604_800,
  expires_at: 1_700_604_800,
};

/** Asserts that an empty store reads as signed out, returns the token it was given, and is signed out again after `delete()`. */
export async function expectRoundTrip(store: TokenStore): Promise<void> {
  expect(await store.get()).toBeUndefined();
  await store.set(sampleToken());
  expect(await store.get()).toEqual(sampleToken());
  await store.delete();
  expect(await store.get()).toBeUndefined();
}

/** Asserts that mutating the token passed to `set()`, or one returned by `get()`, does not change what the store holds. */
export async function expectOwnCopies(store: TokenStore): Promise<void> {
  const token = sampleToken();
  await store.set(token);
  token.accessToken = 'mutated-after-set';
  const got = await store.get();
  if (got === undefined) throw new Error('expected a token');
  got.accessToken = 'mutated-after-get';
  expect((await store.get())?.accessToken).toBe(ACCESS_SECRET);
}

/**
 * Asserts compare-before-delete: `delete(expected)` removes the stored token only while it is
 * still that pair. Pairs that differ only in the access token, only in the refresh token, or
 * by a missing refresh token are different; `createdAt` is not compared (Trakt's whole-second
 * `created_at` is shared by two pairs issued in the same second). `delete()` removes any pair.
 */
export async function expectCompareBeforeDelete(store: TokenStore): Promise<void> {
  const held = sampleToken({ accessToken: 'access-held', refreshToken: 'refresh-held' });
  const newer = sampleToken({ accessToken: 'access-newer', refreshToken: 'refresh-newer' }); // same createdAt
  await store.set(newer);
  await store.delete(held);
  expect(await store.get()).toEqual(newer);
  await store.delete({ accessToken: 'access-newer', refreshToken: 'refresh-held' });
  await store.delete({ accessToken: 'access-held', refreshToken: 'refresh-newer' });
  await store.delete({ accessToken: 'access-newer' });
  expect(await store.get()).toEqual(newer);
  await store.delete({ accessToken: 'access-newer', refreshToken: 'refresh-newer' });
  expect(await store.get()).toBeUndefined();
  await store.delete(held); // nothing stored: fine
  expect(await store.get()).toBeUndefined();
  await store.set(held);
  await store.delete();
  expect(await store.get()).toBeUndefined();
}

/** The STORE error `promise` rejects with; throws if it resolves or rejects with anything else. */
export async function storeErrorOf(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!isDeviceAuthError(error, 'STORE')) throw new Error(`expected a STORE error, got ${String(error)}`);
  return error;
}

/** Creates a fresh directory under the OS temp dir; `cleanup()` removes it. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'device-auth-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The current test's temp dir (see {@link useTempDir}); read it inside a test or hook. */
export interface TempDir {
  readonly dir: string;
  /** `<dir>/token.json`, not created. */
  readonly file: string;
}

/** Gives each test a fresh temp dir from {@link makeTempDir}, removed after the test. */
export function useTempDir(): TempDir {
  const current = { dir: '', file: '' };
  let cleanup: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    const made = await makeTempDir();
    ({ dir: current.dir, cleanup } = made);
    current.file = path.join(made.dir, 'token.json');
  });
  afterEach(() => cleanup());
  return current;
}

/** A tiny in-memory Web Storage; `failSetItem` makes `setItem` throw the given error. */
export class FakeStorage {
  readonly items = new Map<string, string>();
  failSetItem: unknown = undefined;
  failGetItem: unknown = undefined;
  failRemoveItem: unknown = undefined;

  getItem(key: string): string | null {
    if (this.failGetItem !== undefined) throw this.failGetItem;
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failSetItem !== undefined) throw this.failSetItem;
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    if (this.failRemoveItem !== undefined) throw this.failRemoveItem;
    this.items.delete(key);
  }
}

/** A DOMException-like quota error as browsers throw it; its message quotes the value, as a careless storage might. */
export function quotaError(value: string): Error {
  const error = new Error(`Setting the value '${value}' exceeded the quota.`);
  error.name = 'QuotaExceededError';
  return error;
}

/** Everything a rejected promise or warning exposes as text, for "no secret" checks. */
export function allText(value: unknown): string {
  if (value instanceof Error) return `${value.name} ${value.message} ${JSON.stringify(value)}`;
  return JSON.stringify(value);
}

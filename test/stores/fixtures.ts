/** Shared fixtures for the token store tests: a token with recognisable secrets, temp dirs, a fake Storage. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeToken, type DeviceToken } from '../../src/services/token.js';

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

/** Creates a fresh directory under the OS temp dir; `cleanup()` removes it. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'device-auth-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
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

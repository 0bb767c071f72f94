import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/machines/session.machine.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { codesOf, resumeDeviceAuth } from '../../src/services/clients/resume.js';
import { parseDeviceAuthSnapshot } from '../../src/services/clients/resume-snapshot.js';
import { advanceUntil, isSettled, startMachine } from '../support/run-machine.js';
import { authorized, pending, scriptedServices } from '../support/scripted-services.js';
import { runAndPersist } from './support.js';

type Json = Record<string, unknown>;

describe('resumeDeviceAuth checks the snapshot before restoring it', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const rejects = (value: unknown, message: RegExp) => {
    const services = scriptedServices({ polls: [pending] });
    expect(() => resumeDeviceAuth(value, services)).toThrow(DeviceAuthError);
    expect(() => resumeDeviceAuth(value, services)).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(message) }));
    expect(services.requests).toEqual([]);
  };

  it.each([
    ['null', null, /not an object/],
    ['a string', '{"status":"active"}', /not an object/],
    ['an array', [], /not an object/],
  ])('%s → CONFIGURATION', (_, value, message) => rejects(value, message));

  it("another machine's snapshot (the session's) → CONFIGURATION naming the state", () => {
    const actor = createActor(sessionMachine).start();
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as unknown;
    actor.stop();
    rejects(persisted, /unknown state "loading": this is not a device-auth snapshot/);
  });

  it('a stopped or crashed actor → CONFIGURATION', async () => {
    const persisted = (await runAndPersist(scriptedServices({ polls: [pending] }), 7_000)) as Json;
    rejects({ ...persisted, status: 'error' }, /"error", not active or done/);
  });

  it.each([
    ['codes', { codes: null }, /needs "context.codes"/],
    ['userCode', { codes: { deviceCode: 'd', userCode: '', verificationUrl: 'u', expiresIn: 600, interval: 5 } }, /"context.codes.userCode"/],
    ['interval', { codes: { deviceCode: 'd', userCode: 'U', verificationUrl: 'u', expiresIn: 600, interval: 0 } }, /"context.codes.interval"/],
    ['expiresAt', { expiresAt: '600000' }, /"context.expiresAt" must be null or a number/],
    ['attempt', { attempt: -1 }, /"context.attempt"/],
    ['token', { token: { accessToken: 'a' } }, /"context.token": "tokenType"/],
    ['error', { error: 'boom' }, /"context.error"/],
    ['error without a code', { error: { message: 'boom' } }, /"context.error"/],
    ['codes not an object', { codes: 'CODE' }, /"context.codes" must be null or an object/],
    ['deviceCode', { codes: { deviceCode: 7, userCode: 'U', verificationUrl: 'u', expiresIn: 600, interval: 5 } }, /"context.codes.deviceCode"/],
    [
      'verificationUrlComplete',
      { codes: { deviceCode: 'd', userCode: 'U', verificationUrl: 'u', verificationUrlComplete: '', expiresIn: 600, interval: 5 } },
      /"context.codes.verificationUrlComplete"/,
    ],
    ['token not an object', { token: 'secret' }, /"context.token" must be null or an object/],
  ])('a corrupt context (%s) → CONFIGURATION naming the field', async (_, patch, message) => {
    const persisted = (await runAndPersist(scriptedServices({ polls: [pending] }), 7_000)) as Json;
    rejects({ ...persisted, context: { ...(persisted.context as Json), ...patch } }, message);
  });

  it('children that are not an object, or a request to restart that is missing → CONFIGURATION', async () => {
    const persisted = (await runAndPersist(scriptedServices({ polls: [pending] }), 7_000)) as Json;
    rejects({ ...persisted, children: 'none' }, /"children" must be an object/);
    rejects({ ...persisted, value: 'requesting', children: {} }, /no device-code request to restart/);
    rejects({ ...persisted, value: 'authorized' }, /"authorized" must be done and hold the token/);
  });

  it('codesOf answers only while the person can still type the code', async () => {
    const persisted = parseDeviceAuthSnapshot(await runAndPersist(scriptedServices({ polls: [pending] }), 7_000));
    expect(codesOf(persisted)).toMatchObject({ type: 'codes', userCode: 'USER1' });
    expect(codesOf({ ...persisted, value: 'expired' })).toBeUndefined();
    expect(codesOf({ ...persisted, context: { ...persisted.context, codes: null } })).toBeUndefined();
  });

  it('a missing context → CONFIGURATION', async () => {
    const persisted = (await runAndPersist(scriptedServices({ polls: [pending] }), 7_000)) as Json;
    const { context: _context, ...rest } = persisted;
    rejects(rest, /"context" is missing/);
  });

  it('a resting flow comes back as it was, with its error as a DeviceAuthError, and can restart', async () => {
    const services = scriptedServices({ polls: [{ type: 'fatal', error: new DeviceAuthError('BLOCKED', 'blocked', { status: 403 }) }, pending, authorized] });
    const first = startMachine(services);
    first.actor.send({ type: 'start' });
    await advanceUntil(first.actor, isSettled);
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as unknown;
    first.actor.stop();

    const parsed = parseDeviceAuthSnapshot(persisted);
    expect(parsed.context.error).toBeInstanceOf(DeviceAuthError);
    expect(parsed.context.error).toMatchObject({ code: 'BLOCKED', message: 'blocked', status: 403 });

    const actor = resumeDeviceAuth(persisted, services);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.error).toBeInstanceOf(DeviceAuthError);
    actor.send({ type: 'restart' });
    const done = await advanceUntil(actor, isSettled);
    expect(done.status).toBe('done');
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(2);
  });

  it('an authorized flow comes back done with its token; an idle one stays idle', async () => {
    const services = scriptedServices({ polls: [authorized] });
    const first = startMachine(services);
    const idle = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as unknown;
    first.actor.send({ type: 'start' });
    await advanceUntil(first.actor, isSettled);
    const done = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as unknown;
    const resumedDone = resumeDeviceAuth(done, services);
    expect(resumedDone.getSnapshot().status).toBe('done');
    expect(resumedDone.getSnapshot().output).toMatchObject({ accessToken: 'access-secret' });
    const resumedIdle = resumeDeviceAuth(idle, services);
    expect(resumedIdle.getSnapshot().value).toBe('idle');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(services.requests).toHaveLength(2); // nothing new: idle waits for the person
  });

  it('restarting while codes were requested asks again (no code was shown yet)', async () => {
    const services = scriptedServices({ polls: [authorized], codeLatencyMs: 2_000 });
    const persisted = await runAndPersist(services, 1_000);
    const actor = resumeDeviceAuth(persisted, services);
    const done = await advanceUntil(actor, isSettled);
    expect(done.status).toBe('done');
    expect(services.requests.filter((r) => r.kind === 'code').map((r) => r.aborted)).toEqual([true, false]);
  });
});

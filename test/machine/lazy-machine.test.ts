/**
 * The exported machines are built on first use (src/machines/lazy-machine.ts): the stand-in must
 * behave as the machine itself for everything an app or XState does with it.
 */
import { types } from 'node:util';
import { StateMachine, createActor, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { lazyMachine } from '../../src/machines/lazy-machine.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { sessionMachine } from '../../src/machines/session.machine.js';

const buildToggle = () => setup({}).createMachine({ id: 'toggle', initial: 'off', states: { off: { on: { flip: 'on' } }, on: {} } });

describe('lazyMachine', () => {
  it('builds nothing until the machine is first read, then builds once', () => {
    let builds = 0;
    const machine = lazyMachine(() => {
      builds += 1;
      return buildToggle();
    });
    expect(builds).toBe(0);
    expect(machine.id).toBe('toggle');
    expect(machine.root.key).toBe('toggle');
    expect(builds).toBe(1);
  });

  it('runs as the machine itself and provides real machines', () => {
    const machine = lazyMachine(buildToggle);
    expect(machine).toBeInstanceOf(StateMachine);
    const actor = createActor(machine).start();
    actor.send({ type: 'flip' });
    expect(actor.getSnapshot().value).toBe('on');
    const provided = machine.provide({});
    expect(types.isProxy(provided)).toBe(false);
    expect(provided).toBeInstanceOf(StateMachine);
  });

  it('lists, describes and serializes like the machine', () => {
    const real = buildToggle();
    const machine = lazyMachine(buildToggle);
    expect(Object.keys(machine)).toEqual(Object.keys(real));
    expect('root' in machine).toBe(true);
    expect(Object.getOwnPropertyDescriptor(machine, 'id')?.value).toBe('toggle');
    expect(JSON.stringify(machine)).toBe(JSON.stringify(real));
  });
});

describe('the exported machines', () => {
  it('are stand-ins that keep their ids and definitions', () => {
    expect(types.isProxy(deviceAuthMachine)).toBe(true);
    expect(types.isProxy(sessionMachine)).toBe(true);
    expect(deviceAuthMachine.id).toBe('deviceAuth');
    expect(sessionMachine.id).toBe('session');
    expect(Object.keys(deviceAuthMachine.root.states)).toContain('awaitingUser');
  });
});

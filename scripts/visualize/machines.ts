/**
 * The one list of machines that `npm run visualize` draws and the drift test checks. Add a machine
 * here and run `npm run visualize` to get its diagrams.
 */
import type { AnyStateMachine } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { sessionMachine } from '../../src/machines/session.machine.js';

/** The machines drawn into `visualizations/`, in the order the README shows them. */
export const machinesToDraw: readonly AnyStateMachine[] = [deviceAuthMachine, sessionMachine];

/**
 * This library as an XState app uses it: the machine provided with services once, then
 * `createActor` per sign-in. Run by bench/run.ts as its own process.
 */
import { toPromise, createActor } from 'xstate';
import { library } from './library.js';
import type { BenchClient } from './client-types.js';
import { runClient } from './harness.js';
import { libraryServices } from './library-services.js';

const libraryActor: BenchClient = {
  name: 'this library, createActor',
  modes: ['trakt', 'rfc8628'],
  setUp(target) {
    const machine = library.deviceAuthMachine.provide(libraryServices(target));
    return async (onUserCode) => {
      const actor = createActor(machine);
      actor.on('codes', (event) => onUserCode(event.userCode));
      actor.start();
      actor.send({ type: 'start' });
      const token = await toPromise(actor);
      if (token === undefined) throw new Error(`sign-in ended in ${JSON.stringify(actor.getSnapshot().value)}`);
    };
  },
};

await runClient(libraryActor);

/**
 * Machines built on first use instead of at import.
 *
 * Building an XState machine is cheap once XState's code is warm (about 2 ms for the device-auth
 * statechart), but the first build in a process runs much of XState's code for the first time and
 * pays for compiling it: about 8 ms more per machine on a laptop-class CPU. Building both machines
 * when the package is imported made importing `.` cost twice what importing XState costs, even
 * for an app that only uses the view or the errors. So the exported machines are stand-ins that
 * build the real machine the first time anything reads them, and then forward every operation to
 * it: `deviceAuthMachine.provide(…)`, `createActor(deviceAuthMachine)`, `machine.id`,
 * `instanceof StateMachine` and `JSON.stringify(machine)` behave as on the machine itself.
 * `provide` returns a real machine, so a provided machine (what apps run) has no stand-in in its
 * path.
 */

/**
 * A stand-in for the object `build` returns, built on first use (any property read, `in`, key
 * listing or prototype check) and then forwarded to.
 *
 * @param build - Builds the object; called at most once.
 */
export function lazyMachine<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  // The target only keeps the proxy's invariants: a property the real object reports as
  // non-configurable must exist, non-configurable, on the target too.
  const target = {} as T;
  return new Proxy(target, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      if (descriptor !== undefined && descriptor.configurable === false && !Reflect.has(target, key)) {
        Reflect.defineProperty(target, key, descriptor);
      }
      return descriptor;
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/**
 * The store's types fit the frameworks' contracts as they are declared there (copied here: no
 * framework is a dependency). `npm run typecheck` checks these; the runtime half checks that
 * the extra arguments the frameworks pass change nothing.
 */
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { SignInViewSnapshot, SignInViewStore } from '../../src/view/sign-in-view.types.js';
import { pending } from '../support/scripted-services.js';
import { deviceView, useFakeClock } from './support.js';

/** React 18/19: `useSyncExternalStore(subscribe, getSnapshot)`. */
type ReactSubscribe = (onStoreChange: () => void) => () => void;
/** Svelte 4/5: `Readable<T>` from `svelte/store`. */
interface SvelteReadable<T> {
  subscribe(this: void, run: (value: T) => void, invalidate?: () => void): () => void;
}

describe('the store fits the frameworks’ declared contracts', () => {
  useFakeClock();

  it('types: React’s subscribe and getSnapshot, Svelte’s Readable', () => {
    expectTypeOf<SignInViewStore['subscribe']>().toExtend<ReactSubscribe>();
    expectTypeOf<SignInViewStore['getSnapshot']>().toExtend<() => SignInViewSnapshot>();
    expectTypeOf<SignInViewStore>().toExtend<SvelteReadable<SignInViewSnapshot>>();
  });

  it('Svelte passes an invalidate callback and calls subscribe unbound: both fine', () => {
    const { view } = deviceView({ polls: [pending] });
    const readable: SvelteReadable<SignInViewSnapshot> = view;
    const { subscribe } = readable;
    const run = vi.fn();
    const invalidate = vi.fn();
    const unsubscribe = subscribe(run, invalidate);
    view.start();
    unsubscribe();
    expect(run.mock.calls.map(([s]) => (s as SignInViewSnapshot).phase)).toEqual(['idle', 'requesting']);
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('React calls its onStoreChange with no use for the argument: it re-reads getSnapshot', () => {
    const { view } = deviceView({ polls: [pending] });
    const reads: SignInViewSnapshot[] = [];
    const onStoreChange = () => reads.push(view.getSnapshot());
    const unsubscribe = (view.subscribe as ReactSubscribe)(onStoreChange);
    view.start();
    unsubscribe();
    expect(reads.map((s) => s.phase)).toEqual(['idle', 'requesting']);
  });
});

// A screen loaded on first use, like React.lazy, but rendered in the same commit once its module is in:
// React.lazy suspends on every first render, even of a module already loaded, and React holds a
// Suspense boundary's content back until 300 ms after its fallback appeared (FALLBACK_THROTTLE_MS).
// A tap on Stats waited those 300 ms for nothing. Here the fallback is plain state, so nothing throttles
// it, and `preload()` (called when the app is idle, or when a finger lands on a link) makes the tap
// render the screen straight away.
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

export interface LazyScreen<P> {
  /** Renders the screen, or `fallback` until its module has loaded (or a sentence if it could not). */
  (props: P & { fallback: ReactNode }): ReactNode;
  /** Starts loading the module; resolves once the screen can render at once. */
  preload(): Promise<void>;
}

export function lazyScreen<P extends object>(what: string, load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = null; // the next attempt loads again
        throw error;
      },
    ));

  function Screen({ fallback, ...props }: P & { fallback: ReactNode }): ReactNode {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failure, setFailure] = useState<string | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (component) return;
      let current = true;
      start().then(
        (c) => current && setComponent(() => c),
        (error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)),
      );
      return () => {
        current = false;
      };
    }, [component, attempt]);
    const Loaded = component;
    if (Loaded) return <Loaded {...(props as P)} />;
    if (failure === null) return fallback;
    return (
      <main className="screen">
        <div className="notice error" role="alert">
          {`The ${what} could not be loaded (${failure}); your data is untouched.`}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setFailure(null);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </div>
      </main>
    );
  }
  Screen.preload = () => start().then(() => undefined);
  return Screen;
}

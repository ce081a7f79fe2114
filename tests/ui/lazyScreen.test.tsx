/**
 * lazyScreen: a screen whose module has loaded renders in the same commit as the tap. React.lazy
 * cannot: it suspends on the first render even of a loaded module, and React then holds the
 * content back until 300 ms after the fallback appeared (what a tap on Stats used to wait).
 */
import { lazy, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { lazyScreen } from '../../src/ui/lazyScreen.tsx';

function Hello({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

describe('lazyScreen', () => {
  test('paints the fallback until the module is loaded, then the screen on its first render', async () => {
    let loads = 0;
    const Screen = lazyScreen('greeting', async () => {
      loads++;
      return Hello;
    });
    expect(renderToString(<Screen name="you" fallback={<p>loading</p>} />)).toBe('<p>loading</p>');
    await Screen.preload();
    expect(renderToString(<Screen name="you" fallback={<p>loading</p>} />)).toBe('<p>hello <!-- -->you</p>');
    await Screen.preload();
    expect(loads).toBe(1);
  });

  test('React.lazy, by contrast, shows its fallback on the first render of a module already loaded', async () => {
    const module = Promise.resolve({ default: Hello });
    const Lazy = lazy(() => module);
    await module;
    const html = renderToString(
      <Suspense fallback={<p>loading</p>}>
        <Lazy name="you" />
      </Suspense>,
    );
    expect(html).toContain('loading');
  });

  test('a module that failed to load is loaded again on the next attempt', async () => {
    let attempts = 0;
    const Screen = lazyScreen('greeting', async () => {
      attempts++;
      if (attempts === 1) throw new Error('Failed to fetch dynamically imported module');
      return Hello;
    });
    await expect(Screen.preload()).rejects.toThrow('Failed to fetch dynamically imported module');
    await Screen.preload();
    expect(attempts).toBe(2);
    expect(renderToString(<Screen name="again" fallback={null} />)).toContain('again');
  });
});

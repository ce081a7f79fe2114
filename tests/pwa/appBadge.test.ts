import { describe, expect, it } from 'vitest';
import { appBadgeSupported, setAppBadgeCount } from '../../src/pwa/appBadge.ts';

function fakeNavigator() {
  const calls: string[] = [];
  return {
    calls,
    nav: {
      setAppBadge: async (n?: number) => void calls.push(`set ${n}`),
      clearAppBadge: async () => void calls.push('clear'),
    },
  };
}

describe('app badge', () => {
  it('shows the count, clears at zero, and does nothing where unsupported', async () => {
    const { calls, nav } = fakeNavigator();
    expect(appBadgeSupported(nav)).toBe(true);
    await setAppBadgeCount(12, nav);
    await setAppBadgeCount(0, nav);
    expect(calls).toEqual(['set 12', 'clear']);
    expect(appBadgeSupported({})).toBe(false);
    await setAppBadgeCount(3, {});
  });

  it('swallows a refusal (not installed, no permission)', async () => {
    await expect(setAppBadgeCount(5, { setAppBadge: () => Promise.reject(new DOMException('no', 'NotAllowedError')) })).resolves.toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { failureMessage, reloadsByItself } from '../../../src/ui/study/messages.ts';

describe('study failure messages', () => {
  const cases = [
    { kind: 'conflict', command: 'record' },
    { kind: 'conflict', command: 'undo' },
    { kind: 'gone', command: 'undo' },
    { kind: 'conflict', command: 'bury' },
    { kind: 'storage', command: 'record', detail: 'quota-exceeded' },
    { kind: 'storage', command: 'suspend', detail: 'something internal (id 42)' },
  ] as const;

  it('say what happened and what the app did, without ids', () => {
    for (const failure of cases) {
      const text = failureMessage(failure);
      expect(text).not.toMatch(/\(card|\bid\b|[a-z0-9-]+\/[a-z0-9]{6,}|42/);
      expect(text).toMatch(reloadsByItself(failure) ? /reloaded/ : /stopped/);
    }
  });

  it('a full disk says so; an unknown code gets the general sentence, not the raw detail', () => {
    expect(failureMessage(cases[4])).toMatch(/no more storage space/);
    expect(failureMessage(cases[5])).toMatch(/unexpected error/);
    expect(reloadsByItself(cases[5])).toBe(false);
  });
});

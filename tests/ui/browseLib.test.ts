import { describe, expect, it } from 'vitest';
import { State } from '../../src/core/scheduling/fsrs.ts';
import { daysLabel, dueLabel, parseTagList, plural } from '../../src/ui/browse/lib.ts';

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2024, 5, 10, 12);

describe('browse labels', () => {
  it('says when a card is due', () => {
    const end = NOW + 16 * 3600_000;
    expect(dueLabel({ due: null, state: State.New }, NOW, end)).toBe('new');
    expect(dueLabel({ due: NOW - 3 * DAY, state: State.Review }, NOW, end)).toBe('overdue 3d');
    expect(dueLabel({ due: NOW + 3600_000, state: State.Learning }, NOW, end)).toBe('due today');
    expect(dueLabel({ due: NOW + 12 * DAY, state: State.Review }, NOW, end)).toBe('in 12d');
  });

  it('writes days, counts and tags the way people say them', () => {
    expect(daysLabel(0.44)).toBe('0.4 days');
    expect(daysLabel(1)).toBe('1 day');
    expect(daysLabel(45)).toBe('45 days');
    expect(daysLabel(120)).toBe('3.9 months');
    expect(daysLabel(900)).toBe('2.5 years');
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(12345, 'card')).toBe('12,345 cards');
    expect(parseTagList(' a, b  c,,')).toEqual(['a', 'b', 'c']);
  });
});

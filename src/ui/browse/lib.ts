// Words and numbers the browser and the card screen show, as pure functions (tested in Node).
import { formatInterval, Rating, State } from '../../core/scheduling/fsrs.ts';
import type { BrowseEntry, BrowseSort, DueFilter, StateFilter } from '../../storage/browse.ts';

const DAY = 24 * 3600_000;

export const STATE_FILTERS: ReadonlyArray<[StateFilter, string]> = [
  ['any', 'Any state'],
  ['new', 'New'],
  ['learning', 'Learning'],
  ['review', 'Review'],
  ['suspended', 'Suspended'],
  ['buried', 'Buried'],
  ['edited', 'Edited by you'],
  ['removed', 'Removed from its note'],
];

export const DUE_FILTERS: ReadonlyArray<[DueFilter, string]> = [
  ['any', 'Any due date'],
  ['overdue', 'Overdue'],
  ['today', 'Due today'],
  ['week', 'Due within 7 days'],
  ['month', 'Due within 30 days'],
  ['later', 'Due in 30+ days'],
];

export const SORTS: ReadonlyArray<[BrowseSort, string]> = [
  ['deck', 'Deck order'],
  ['due', 'Due date'],
  ['lastReview', 'Last reviewed'],
  ['lapses', 'Most lapses'],
  ['reps', 'Most reviews'],
  ['difficulty', 'Hardest'],
  ['stability', 'Most stable'],
  ['question', 'Question A–Z'],
];

export const STATE_NAMES: Record<State, string> = {
  [State.New]: 'New',
  [State.Learning]: 'Learning',
  [State.Review]: 'Review',
  [State.Relearning]: 'Relearning',
};

export const RATING_NAMES: Record<number, string> = {
  [Rating.Manual]: 'Manual',
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

/** "due today", "overdue 3d", "in 12d", "new". */
export function dueLabel(entry: Pick<BrowseEntry, 'due' | 'state'>, now: number, dayEnd: number): string {
  if (entry.due === null || entry.state === State.New) return 'new';
  if (entry.due < now - DAY) return `overdue ${formatInterval(now - entry.due)}`;
  if (entry.due < dayEnd) return 'due today';
  return `in ${formatInterval(entry.due - now)}`;
}

/** A count with its noun: "1 card", "12,345 cards". */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Days as people say them: "0.4 days", "12 days", "3.1 months", "2.4 years". */
export function daysLabel(days: number): string {
  if (days < 10) return `${(Math.round(days * 10) / 10).toLocaleString('en')} day${days === 1 ? '' : 's'}`;
  if (days < 60) return `${Math.round(days)} days`;
  if (days < 365) return `${(Math.round((days / 30.4) * 10) / 10).toLocaleString('en')} months`;
  return `${(Math.round((days / 365) * 10) / 10).toLocaleString('en')} years`;
}

/** Tags typed into one field: separated by commas or spaces. */
export function parseTagList(text: string): string[] {
  return text.split(/[,\s]+/).filter(Boolean);
}

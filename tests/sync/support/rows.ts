// Small factories of sync rows for the bridge's tests.
import { newScheduleState } from '../../../src/core/scheduling/fsrs.ts';
import { formatHlc } from '../../../src/core/sync/hlc.ts';
import { reviewMonth, type RegisterRow, type ReviewRow, type VoidRow } from '../../../src/core/sync/rows.ts';

export const DEC_2026 = Date.UTC(2026, 11, 2, 9);
export const NOV_2026 = Date.UTC(2026, 10, 20, 9);

const state = newScheduleState(0);

export function review(id: string, at = DEC_2026, cardId = 'c1', device = 'A'): ReviewRow {
  return { t: 'review', id, cardId, deckId: 'd1', kind: 'grade', rating: 3, at, durationMs: 1000, before: state, after: state, device };
}

export function voidOf(row: ReviewRow, at = row.at + 1000): VoidRow {
  return { t: 'void', id: row.id, month: reviewMonth(row.at), at, device: row.device };
}

export function register(id: string, value: unknown, wall: number, device = 'A'): RegisterRow {
  return { t: 'register', id, value, hlc: formatHlc({ wall, counter: 0, device }) };
}

export const CONFIG = { server: 'ws://127.0.0.1:1', collection: 'collection-0123456789abcdef', secret: 'secret-0123456789abcdef' };

import { describe, expect, it } from 'vitest';
import {
  canUndo,
  initialSession,
  restoreSavedSession,
  reviewReducer,
  savedSession,
  sessionCounts,
  TAP_GUARD_MS,
  type ReviewSession,
  type SessionAction,
  type WriteCommand,
} from '../../../src/core/review/index.ts';
import {
  buildDailyQueue,
  emptyDayProgress,
  gradeCard,
  outcomeIntervals,
  Rating,
  State,
  type QueueCard,
  type ScheduleState,
} from '../../../src/core/scheduling/index.ts';
import { card, DAY, HOUR, MIN, NOON, testSettings } from '../scheduling/factories.ts';

const settings = testSettings();

function queueOf(cards: QueueCard[], now = NOON) {
  return buildDailyQueue(cards, { now, settings, progress: emptyDayProgress(), scope: 'all', timeZone: 0 });
}

function start(cards: QueueCard[], now = NOON): ReviewSession {
  const queue = queueOf(cards, now);
  return reviewReducer(initialSession(queue, 'tab'), { type: 'start', queue, now, sessionId: 'tab' });
}

function run(s: ReviewSession, ...actions: SessionAction[]): ReviewSession {
  return actions.reduce(reviewReducer, s);
}

const reveal = (now = NOON, input: 'pointer' | 'key' = 'key', with_ = settings): SessionAction => ({ type: 'reveal', now, settings: with_, input });
const grade = (rating: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy, now = NOON, input: 'pointer' | 'key' = 'key'): SessionAction => ({
  type: 'grade',
  rating,
  now,
  input,
});

/** The newest command handed to storage. */
function pending(s: ReviewSession): WriteCommand {
  const last = s.pending[s.pending.length - 1];
  if (!last) throw new Error(`no pending command (phase ${s.phase})`);
  return last;
}

/** Storage's answer to the pending grade: it wrote the outcome the session handed it. */
function stored(s: ReviewSession, logId: number | string, now = NOON): SessionAction {
  const c = pending(s);
  if (c.kind !== 'record') throw new Error(`pending is ${c.kind}`);
  return { type: 'stored', commandId: c.id, logId: String(logId), now };
}

/** Grades the card on screen and lets storage confirm it. */
function answer(s: ReviewSession, rating: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy, logId: number | string, now = NOON): ReviewSession {
  const graded = run(s, reveal(now), grade(rating, now));
  return run(graded, stored(graded, logId, now));
}

describe('review session', () => {
  it('shows the front, reveals, grades and moves on at once, handing storage the grade to write', () => {
    let s = start([card(State.Review, NOON - HOUR, { cardId: 'a' }), card(State.Review, NOON - 30 * MIN, { cardId: 'b' })]);
    expect(s.phase).toBe('question');
    expect(s.current?.item.cardId).toBe('a');
    s = run(s, reveal());
    expect(s.phase).toBe('answer');
    s = run(s, grade(Rating.Good, NOON + 8000));
    expect(s.current?.item.cardId).toBe('b');
    expect(s.phase).toBe('question');
    expect(s.tally.answered).toBe(1);
    expect(s.pending).toHaveLength(1);
    expect(pending(s)).toMatchObject({ kind: 'record', cardId: 'a', rating: Rating.Good, durationMs: 8000, expectedStateVersion: 0 });
    // Not yet written: undo would name the grade by its command.
    expect(s.undo.map((e) => [e.commandId, e.logId])).toEqual([[pending(s).id, undefined]]);
    s = run(s, stored(s, 7, NOON + 8020));
    expect(s.pending).toEqual([]);
    expect(s.current?.item.cardId).toBe('b');
    expect(s.undo.map((e) => [e.logId, e.item.cardId])).toEqual([['7', 'a']]);
  });

  it('ignores a grade before the answer is shown', () => {
    const s = start([card(State.Review, NOON - HOUR)]);
    expect(run(s, grade(Rating.Good))).toBe(s);
  });

  it('a card answered Again comes back in the same session when due', () => {
    let s = start([card(State.New, NOON, { cardId: 'n' }), card(State.Review, NOON - HOUR, { cardId: 'r' })]);
    expect(s.current?.item.cardId).toBe('r');
    s = answer(s, Rating.Good, 1); // r graduates
    expect(s.current?.item.cardId).toBe('n');
    s = answer(s, Rating.Again, 2); // n: 1 minute
    // Nothing else left: learn ahead brings n back right away.
    expect(s.current?.item.cardId).toBe('n');
    expect(s.current?.item.version).toBe(1);
    expect(sessionCounts(s)).toEqual({ new: 0, learning: 1, due: 0 });
    s = answer(s, Rating.Good, 3, NOON + MIN);
    s = answer(s, Rating.Good, 4, NOON + 11 * MIN);
    expect(s.phase).toBe('done');
  });

  it('waits when only learning cards beyond the learn-ahead window are left, then shows them', () => {
    let s = start([card(State.Learning, NOON + HOUR, { cardId: 'l' })]);
    expect(s.phase).toBe('waiting');
    expect(s.waitUntil).toBe(NOON + 40 * MIN);
    s = run(s, { type: 'tick', now: NOON + 39 * MIN });
    expect(s.phase).toBe('waiting');
    s = run(s, { type: 'tick', now: NOON + 40 * MIN });
    expect(s.current?.item.cardId).toBe('l');
  });

  it('bury and suspend take the current card out and end undo history', () => {
    let s = start([
      card(State.Review, NOON - 3 * HOUR, { cardId: 'a' }),
      card(State.Review, NOON - 2 * HOUR, { cardId: 'b' }),
      card(State.Review, NOON - HOUR, { cardId: 'c' }),
    ]);
    s = answer(s, Rating.Good, 1);
    s = run(s, { type: 'bury', now: NOON });
    expect(pending(s)).toMatchObject({ kind: 'bury', cardId: 'b', now: NOON });
    expect(s.current?.item.cardId).toBe('c');
    expect(canUndo(s)).toBe(false);
    s = run(s, { type: 'flagged', commandId: pending(s).id, now: NOON });
    s = run(s, { type: 'suspend', now: NOON });
    expect(pending(s)).toMatchObject({ kind: 'suspend', cardId: 'c' });
    expect(s.phase).toBe('done');
  });
});

describe('undo', () => {
  it('takes back a grade by the review id storage returned, and the card comes back as it was', () => {
    const before = start([card(State.Review, NOON - HOUR, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    const graded = answer(before, Rating.Again, 41, NOON + 5000);
    expect(canUndo(graded)).toBe(true);
    const undone = run(graded, { type: 'undo', now: NOON + 6000 });
    expect(pending(undone)).toMatchObject({ kind: 'undo', cardId: 'a', logId: '41' });
    expect(undone.phase).toBe('question');
    expect(undone.current?.item).toEqual(before.current!.item);
    expect(undone.tally).toEqual(before.tally);
    expect(sessionCounts(undone)).toEqual(sessionCounts(before));
    expect(canUndo(undone)).toBe(false);
    expect(run(undone, { type: 'undo', now: NOON })).toBe(undone);
    expect(run(undone, { type: 'undone', commandId: pending(undone).id, now: NOON }).pending).toEqual([]);
  });

  it('an undo before storage answered names the grade by its command, for the writer to resolve', () => {
    const s = run(start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]), reveal(), grade(Rating.Good));
    const record = pending(s);
    const undone = run(s, { type: 'undo', now: NOON });
    expect(pending(undone)).toEqual({ id: 'tab:2', kind: 'undo', cardId: 'a', recordCommandId: record.id });
    expect(undone.current?.item.cardId).toBe('a');
  });

  it('undoes grades newest first, each by its own id', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' }), card(State.New, NOON, { cardId: 'c' })]);
    s = answer(s, Rating.Good, 10);
    s = answer(s, Rating.Good, 30); // another tab wrote ids 11..29 meanwhile
    s = run(s, { type: 'undo', now: NOON });
    expect(pending(s)).toMatchObject({ kind: 'undo', cardId: 'b', logId: '30' });
  });

  it('the undo list survives a reload: a new session started with it can take back the grade', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    const a = s.current!.item;
    s = answer(s, Rating.Good, 5);
    const saved = restoreSavedSession(JSON.parse(JSON.stringify(savedSession(s))));
    expect(saved).toEqual(savedSession(s));
    // After the reload storage's queue holds a (in learning) and b.
    const answeredA = { ...card(State.Learning, NOON + 10 * MIN, { cardId: 'a' }), version: 1 };
    const queue = queueOf([answeredA, card(State.New, NOON, { cardId: 'b' })], NOON + MIN);
    let r = reviewReducer(initialSession(queue, 'tab2'), { type: 'start', queue, now: NOON + MIN, sessionId: 'tab2', saved: saved! });
    expect(r.tally.answered).toBe(1);
    r = run(r, { type: 'undo', now: NOON + MIN });
    expect(pending(r)).toMatchObject({ kind: 'undo', cardId: 'a', logId: '5', id: 'tab2:1' });
    expect(r.current?.item.cardId).toBe('a');
    expect(r.current?.item.schedule.state).toBe(State.New);
    expect(r.queue.learning.map((i) => i.cardId)).toEqual([]);
    expect(sessionCounts(r)).toEqual({ new: 2, learning: 0, due: 0 });
  });

  it('a saved session that is not one is dropped', () => {
    expect(restoreSavedSession(null)).toBeUndefined();
    expect(restoreSavedSession({ undo: 'x', tally: { answered: 1, again: 0 } })).toBeUndefined();
    expect(restoreSavedSession({ undo: [{ logId: 'x' }, null], tally: { answered: 1, again: 0 } })).toEqual({ undo: [], tally: { answered: 1, again: 0 } });
  });
});

describe('failed writes', () => {
  it('a refused grade stops the session: no card shown, the grade uncounted and out of the undo list', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' }), card(State.New, NOON, { cardId: 'c' })]);
    s = answer(s, Rating.Good, 1);
    s = run(s, reveal(), grade(Rating.Good));
    expect(s.current?.item.cardId).toBe('c');
    s = run(s, { type: 'failed', commandId: pending(s).id, failure: 'conflict', now: NOON });
    expect(s.phase).toBe('stopped');
    expect(s.current).toBeNull();
    expect(s.undo.map((e) => e.logId)).toEqual(['1']);
    expect(s.failure).toEqual({ kind: 'conflict', command: 'record' });
    // Nothing is accepted until the queue is loaded again.
    expect(run(s, reveal())).toBe(s);
    expect(run(s, { type: 'undo', now: NOON })).toBe(s);
    expect(canUndo(s)).toBe(false);
  });

  it('a refused undo stops the session and says which write failed', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    s = answer(s, Rating.Good, 1);
    const asked = run(s, { type: 'undo', now: NOON });
    const refused = run(asked, { type: 'failed', commandId: pending(asked).id, failure: 'conflict', now: NOON });
    expect(refused.phase).toBe('stopped');
    expect(refused.undo).toEqual([]);
    expect(refused.failure).toEqual({ kind: 'conflict', command: 'undo' });
    const broken = run(asked, { type: 'failed', commandId: pending(asked).id, failure: 'storage', detail: 'quota-exceeded', now: NOON });
    expect(broken.failure).toEqual({ kind: 'storage', command: 'undo', detail: 'quota-exceeded' });
  });
});

describe('commands are written once', () => {
  it('running the reducer twice on the same input gives the same command id (React may)', () => {
    const s = run(start([card(State.New, NOON, { cardId: 'a' })]), reveal());
    const once = reviewReducer(s, grade(Rating.Good));
    const twice = reviewReducer(s, grade(Rating.Good));
    expect(pending(once)).not.toBe(pending(twice));
    expect(pending(once).id).toBe(pending(twice).id);
  });

  it('every command of a session has its own id', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    const ids: string[] = [];
    s = run(s, reveal(), grade(Rating.Good));
    ids.push(pending(s).id);
    s = run(s, stored(s, 1));
    s = run(s, { type: 'undo', now: NOON });
    ids.push(pending(s).id);
    s = run(s, { type: 'undone', commandId: pending(s).id, now: NOON });
    s = run(s, reveal(), grade(Rating.Good));
    ids.push(pending(s).id);
    expect(new Set(ids).size).toBe(3);
  });

  it('a session started again after a failed write never reuses a command id', () => {
    const cards = [card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })];
    let s = run(start(cards), reveal(), grade(Rating.Good));
    const first = pending(s).id;
    s = run(s, { type: 'failed', commandId: first, failure: 'conflict', now: NOON });
    s = run(s, { type: 'start', queue: queueOf(cards), now: NOON, sessionId: 'tab', saved: savedSession(s) });
    s = run(s, reveal(), grade(Rating.Good));
    expect(pending(s).id).not.toBe(first);
  });

  it('a result for another command (a late duplicate) changes nothing', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    s = run(s, reveal(), grade(Rating.Good));
    const first = stored(s, 1);
    s = run(s, first);
    const again = run(s, first);
    expect(again).toBe(s);
    expect(again.undo).toHaveLength(1);
  });
});

describe('what a button says is what it does', () => {
  it('the grade written is the outcome the button showed, computed when the answer appeared (fuzz on)', () => {
    const fuzzy = testSettings({ enableFuzz: true });
    // A review card with a long interval, so fuzz spreads its next interval over days.
    const schedule: ScheduleState = {
      ...card(State.Review, NOON, { cardId: 'x' }).schedule,
      stability: 40,
      difficulty: 5,
      scheduledDays: 30,
      lastReview: NOON - 30 * DAY,
      due: NOON,
    };
    const q = queueOf([{ ...card(State.Review, NOON, { cardId: 'x' }), schedule }]);
    let s = reviewReducer(initialSession(q, 't'), { type: 'start', queue: q, now: NOON, sessionId: 't' });
    s = run(s, reveal(NOON + 4000, 'key', fuzzy));
    const shown = outcomeIntervals(s.current!.outcomes!, s.current!.revealedAt!);
    let differs = false;
    for (const rating of [Rating.Hard, Rating.Good, Rating.Easy] as const) {
      const graded = run(s, grade(rating, NOON + 4000 + 37_000));
      const c = pending(graded);
      if (c.kind !== 'record') throw new Error('expected record');
      expect(c.outcome.state.due).toBe(shown[rating].due);
      expect(c.now).toBe(NOON + 41_000);
      // Grading afresh at the answer's time (what the screen did before) lands elsewhere for some grade.
      if (gradeCard(schedule, rating, NOON + 41_000, fuzzy).state.due !== shown[rating].due) differs = true;
    }
    expect(differs).toBe(true);
  });
});

describe('double taps', () => {
  it('a tap on the new card right after a grade is ignored; a key is not', () => {
    let s = start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    s = answer(s, Rating.Good, 1, NOON);
    expect(s.current?.item.cardId).toBe('b');
    expect(run(s, reveal(NOON + TAP_GUARD_MS - 1, 'pointer'))).toBe(s);
    expect(run(s, reveal(NOON + TAP_GUARD_MS, 'pointer')).phase).toBe('answer');
    expect(run(s, reveal(NOON + 10, 'key')).phase).toBe('answer');
  });

  it('a double tap on "Show answer" does not grade the card', () => {
    const s = run(start([card(State.New, NOON, { cardId: 'a' })]), reveal(NOON + 1000, 'pointer'));
    expect(s.phase).toBe('answer');
    expect(run(s, grade(Rating.Good, NOON + 1100, 'pointer'))).toBe(s);
    expect(run(s, grade(Rating.Good, NOON + 1000 + TAP_GUARD_MS, 'pointer')).tally.answered).toBe(1);
  });
});

describe('a fresh queue from storage', () => {
  it('keeps the card on screen, answer shown, while it is unchanged', () => {
    const cards = [card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })];
    const s = run(start(cards), reveal());
    const r = run(s, { type: 'refresh', queue: queueOf(cards, NOON + MIN), now: NOON + MIN });
    expect(r.phase).toBe('answer');
    expect(r.current).toBe(s.current);
  });

  it('a queue read before this tab\'s pending writes landed gets them applied (no answered card comes back)', () => {
    const cards = [card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })];
    let s = run(start(cards), reveal(), grade(Rating.Good)); // a answered, its write pending
    s = run(s, { type: 'bury', now: NOON }); // b buried, pending too
    const stale = queueOf(cards, NOON + 1000); // read before either write
    const r = run(s, { type: 'refresh', queue: stale, now: NOON + 1000 });
    expect(r.queue.main.map((i) => i.cardId)).toEqual([]);
    expect(r.queue.learning.map((i) => [i.cardId, i.version])).toEqual([['a', 1]]);
  });

  it('moves on when another tab answered the card on screen', () => {
    const s = run(start([card(State.New, NOON, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]), reveal());
    const answeredElsewhere = { ...card(State.Learning, NOON + 10 * MIN, { cardId: 'a' }), version: 1 };
    const r = run(s, { type: 'refresh', queue: queueOf([answeredElsewhere, card(State.New, NOON, { cardId: 'b' })], NOON + MIN), now: NOON + MIN });
    expect(r.phase).toBe('question');
    expect(r.current?.item.cardId).toBe('b');
  });

  it('a new study day brings the day\'s cards into a finished session', () => {
    const s = answer(start([card(State.New, NOON, { cardId: 'a' })]), Rating.Easy, 1);
    expect(s.phase).toBe('done');
    const tomorrow = NOON + DAY;
    const r = run(s, { type: 'refresh', queue: queueOf([card(State.Review, tomorrow - HOUR, { cardId: 'z' })], tomorrow), now: tomorrow });
    expect(r.current?.item.cardId).toBe('z');
    expect(r.undo).toHaveLength(1);
  });
});

describe('a deck with an interview date', () => {
  it('the answer side shows and records grades capped to come back before the date', () => {
    const due = card(State.Review, NOON - HOUR, { cardId: 'c-int', deckId: 'd1' });
    due.schedule = { ...due.schedule, stability: 20, lastReview: NOON - 20 * DAY, scheduledDays: 20 };
    const interview = { at: NOON + 40 * DAY, target: 0.95 };
    const dated = buildDailyQueue([due], { now: NOON, settings, progress: emptyDayProgress(), scope: 'all', timeZone: 0, interviews: { d1: interview } });
    let s = reviewReducer(initialSession(dated, 'tab'), { type: 'start', queue: dated, now: NOON, sessionId: 'tab' });
    s = run(s, reveal(NOON + 2000), grade(Rating.Good, NOON + 4000));
    const record = pending(s);
    if (record.kind !== 'record') throw new Error('not a record');
    const plain = gradeCard(due.schedule, Rating.Good, NOON + 2000, settings).state;
    expect(plain.due).toBeGreaterThan(interview.at);
    expect(record.outcome!.state.due).toBeLessThan(interview.at);
    // Only the due date moved: the memory is the grade's own.
    expect({ ...record.outcome!.state, due: 0, scheduledDays: 0 }).toEqual({ ...plain, due: 0, scheduledDays: 0 });
    // Without the date, the same answer is the ordinary one.
    let t = start([due]);
    t = run(t, reveal(NOON + 2000), grade(Rating.Good, NOON + 4000));
    const ordinary = pending(t);
    expect(ordinary.kind === 'record' && ordinary.outcome!.state).toEqual(plain);
  });
});

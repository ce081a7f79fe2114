// An Anki card's progress, rebuilt: its Anki answers replayed with ts-fsrs through the project's
// own scheduling code (gradeCard; entries already in Rehearse's log through the sync replay), so
// the state it ends in is the one Rehearse would have given the same answers. Anki's own view of
// the card still decides what its log cannot tell: the learning step it waits on, a state it was
// exported with but whose log was left out, and whether it is suspended or buried.

import { stableHash } from '../deck/cardId.ts';
import { generatorParameters } from 'ts-fsrs';
import { gradeCard, newScheduleState, State, type FsrsLogEntry, type ScheduleState } from '../scheduling/fsrs.ts';
import type { SchedulerSettings } from '../scheduling/settings.ts';
import { replayOrder, replayScheduleWithSource, type ReplayEntry } from '../sync/replay.ts';
import type { AnkiDeckCard, AnkiReview } from './toDecks.ts';

const DAY_MS = 86_400_000;

/** One Anki answer as replayed: the state it was graded from and the one it gave. */
export interface ReplayedAnkiAnswer {
  /** The log entry's id (`ankiReviewId`): the same on every import of the same answer. */
  id: string;
  review: AnkiReview;
  before: ScheduleState;
  after: ScheduleState;
  log: FsrsLogEntry;
}

/** A state Anki exported without the answers that led to it (see `ankiStateWithoutHistory`). */
export interface AnkiStateEvent {
  id: string;
  at: number;
  /** The state before it (new, unless something came before it in the card's log). */
  before: ScheduleState;
  after: ScheduleState;
}

export interface AnkiCardReplay {
  /** The card's Anki answers not among the known entries, oldest first. */
  answers: ReplayedAnkiAnswer[];
  /**
   * Set when the card has no answers but Anki has it in review or learning, and no earlier
   * import wrote it: Anki's state, to write as a `reschedule` entry of the card's log (so every
   * later replay of the log starts from it, here and on the user's other devices).
   */
  stateEvent?: AnkiStateEvent;
  /** The card's state after every entry, Anki's and the known ones, in time order. */
  schedule: ScheduleState;
  /** A known entry had to be graded again (its card's history changed under it): the state then depends on the settings. */
  regraded: boolean;
  suspended: boolean;
  /** Anki had it buried (queue -2 sibling, -3 by hand): buried until the next study day. */
  buried: boolean;
  /** Replayed stability and difficulty against Anki's stored FSRS state; absent when there is nothing to compare. */
  fsrsMatches?: boolean;
}

/**
 * The log id of an Anki answer on a Rehearse card: from the revlog id (Anki's answer time, unique
 * in its collection) and the card, so importing the same answer again finds it.
 */
export function ankiReviewId(cardId: string, revlogId: number): string {
  return `anki-${revlogId.toString(36)}-${stableHash(cardId)}`;
}

/**
 * Replays `card`'s Anki answers, merged in time order with `known` (the card's live entries
 * already stored: answers given in Rehearse, Anki answers of an earlier import). An Anki answer
 * whose id is among `known` is not graded again; `voidedIds` are the ids of the card's voided entries. `collectionCreated` is the package's `crt`
 * (seconds), from whose day Anki counts review due days.
 */
export function replayAnkiCard(
  card: AnkiDeckCard,
  collectionCreated: number,
  settings: SchedulerSettings,
  known: readonly ReplayEntry[] = [],
  voidedIds: ReadonlySet<string> = new Set(),
): AnkiCardReplay {
  const anki = card.anki;
  const flags = { suspended: anki.queue === -1, buried: anki.queue === -2 || anki.queue === -3 };
  const knownIds = new Set(known.map((e) => e.id));
  // Rows are never deleted: an entry voided here (its deck was deleted) keeps its id, so the
  // same answer imported again takes the next free one (`id.2`, `id.3`…), the same on every device.
  const liveId = (base: string) => {
    let id = base;
    for (let n = 2; voidedIds.has(id); n++) id = `${base}.${n}`;
    return id;
  };
  const fresh = card.reviews.map((review) => ({ review, id: liveId(ankiReviewId(card.id, review.revlogId)) })).filter((a) => !knownIds.has(a.id));
  // Only a card with no history at all takes the state Anki exported: one whose answers came with
  // an earlier package, or were given in Rehearse, keeps the replay of them.
  const noHistory = card.reviews.length === 0 && known.every((e) => e.id.startsWith('anki-state-'));
  const exported = noHistory ? ankiStateWithoutHistory(card, collectionCreated, settings) : undefined;
  if (exported) exported.id = liveId(exported.id);
  const event = exported && !knownIds.has(exported.id) ? exported : undefined;
  const timeline: Array<{ entry: ReplayEntry; fresh?: AnkiReview; event?: AnkiStateEvent }> = [
    ...known.map((entry) => ({ entry })),
    // `before`/`after` of a fresh answer are placeholders: only its time and id order it.
    ...fresh.map(({ review, id }) => ({ entry: placeholder(id, review.reviewedAt, review.rating), fresh: review })),
    ...(event ? [{ entry: placeholder(event.id, event.at, 0), event }] : []),
  ].sort((a, b) => replayOrder(a.entry, b.entry));
  if (timeline.length === 0) return { answers: [], schedule: newScheduleState(0), regraded: false, ...flags };

  const first = timeline[0]!.entry;
  // A card's log starts from new (storage's replay reads its first state there too).
  let state = first.before.state === State.New && timeline[0]!.fresh === undefined && timeline[0]!.event === undefined ? first.before : newScheduleState(first.at);
  let regraded = false;
  const answers: ReplayedAnkiAnswer[] = [];
  for (const { entry, fresh: review, event: stateEvent } of timeline) {
    if (stateEvent) {
      stateEvent.before = state;
      state = stateEvent.after;
    } else if (review) {
      const graded = gradeCard(state, review.rating, review.reviewedAt, settings);
      answers.push({ id: entry.id, review, before: state, after: graded.state, log: graded.log });
      state = graded.state;
    } else {
      const step = replayScheduleWithSource([entry], state, settings);
      state = step.schedule;
      regraded ||= step.regraded;
    }
  }

  const last = timeline[timeline.length - 1]!;
  if (last.fresh) {
    const stepped = withAnkiStep(state, card, collectionCreated, settings);
    answers[answers.length - 1]!.after = stepped;
    state = stepped;
  }
  // Only on a history Anki had whole (an answer given in Rehearse is one Anki never saw), ending
  // in one of its answers; Anki's step changes neither stability nor difficulty.
  const ankiOnly = known.every((e) => e.id.startsWith('anki-') && !e.id.startsWith('anki-state-'));
  const endsInAnswer = last.fresh !== undefined || (last.entry.kind === 'grade' && last.entry.id.startsWith('anki-'));
  const fsrsMatches = anki.fsrs && card.reviews.length > 0 && ankiOnly && endsInAnswer ? fsrsAgrees(state, anki.fsrs) : undefined;
  return {
    answers,
    ...(event ? { stateEvent: event } : {}),
    schedule: state,
    regraded,
    ...flags,
    ...(fsrsMatches !== undefined ? { fsrsMatches } : {}),
  };
}

function placeholder(id: string, at: number, rating: AnkiReview['rating'] | 0): ReplayEntry {
  const none = newScheduleState(at);
  return { id, kind: rating === 0 ? 'reschedule' : 'grade', rating, at, before: none, after: none };
}

/**
 * Stability within 5% (or half a day, for the short stabilities of learning cards) and
 * difficulty within 0.5 on FSRS's 1–10 scale. Not exact, because Anki grades with the user's
 * own optimized parameters, which a package does not carry (the replay uses Rehearse's), and
 * stores the state rounded; 5% of a stability is less than the interval fuzz Anki itself adds,
 * so a card inside it would come due on the same days either way.
 */
export function fsrsAgrees(state: Pick<ScheduleState, 'stability' | 'difficulty'>, anki: { stability: number; difficulty: number }): boolean {
  const stabilityOk = Math.abs(state.stability - anki.stability) <= Math.max(0.05 * anki.stability, 0.5);
  return stabilityOk && Math.abs(state.difficulty - anki.difficulty) <= 0.5;
}

/** How many cards Anki's FSRS state could be compared with, and how many agreed (`fsrsAgrees`). */
export function fsrsAgreement(replays: Iterable<Pick<AnkiCardReplay, 'fsrsMatches'>>): { compared: number; matching: number } {
  let compared = 0;
  let matching = 0;
  for (const r of replays) {
    if (r.fsrsMatches === undefined) continue;
    compared++;
    if (r.fsrsMatches) matching++;
  }
  return { compared, matching };
}

/** Anki's due as epoch ms: learning dues are epoch seconds, review and day-learning ones days from the collection's day. */
function ankiDueMs(due: number, collectionCreated: number): number {
  return due > 1_000_000_000 ? due * 1000 : (collectionCreated + due * 86_400) * 1000;
}

/** The Anki day (days from the collection's day, as review dues count) of an epoch-ms time. */
function ankiDayOf(ms: number, collectionCreated: number): number {
  return Math.floor((ms / 1000 - collectionCreated) / 86_400);
}

/** Anki `left`: today's count × 1000 + steps left; ts-fsrs counts the step the card waits on from 0. */
function stepIndex(left: number, steps: number): number {
  if (steps === 0) return 0;
  return Math.min(steps - 1, Math.max(0, steps - (left % 1000)));
}

/**
 * After a card's last answer came from Anki: a card Anki has in learning or relearning keeps
 * the step it waits on and its due time (Rehearse's steps may differ from the deck's in Anki, so
 * the replay alone could skip or repeat one); a card Anki has in review keeps its due day and
 * interval. The replay decides the memory (stability, difficulty), Anki when the card comes
 * back: a collection scheduled by Anki's SM-2 would otherwise fall due on other days all at
 * once (a card Anki gave 557 days could be due at once, or a year later).
 */
function withAnkiStep(state: ScheduleState, card: AnkiDeckCard, collectionCreated: number, settings: SchedulerSettings): ScheduleState {
  const { type, left, due, ivl } = card.anki;
  if (type === 2) {
    // Anki's due is a day: a replay due on that very day keeps its time of day (a Rehearse export read back is unchanged).
    if (ankiDayOf(state.due, collectionCreated) === due && state.state === State.Review) return state;
    return { ...state, state: State.Review, learningSteps: 0, due: ankiDueMs(due, collectionCreated), scheduledDays: ivl > 0 ? ivl : state.scheduledDays };
  }
  if (type !== 1 && type !== 3) return state;
  const relearning = type === 3;
  const steps = relearning ? settings.relearningSteps.length : settings.learningSteps.length;
  return {
    ...state,
    state: relearning ? State.Relearning : State.Learning,
    learningSteps: stepIndex(left, steps),
    due: ankiDueMs(due, collectionCreated),
  };
}

/**
 * A card Anki has in review or learning although none of its answers came with it (exported with
 * scheduling, the review log not included; or its log was emptied). Replaying nothing would make
 * it new and ask again what the user already knows, so it keeps what Anki says: its due date and
 * its stability (Anki's FSRS state when stored; else its interval, which is about the stability
 * at 90% retention). Difficulty without FSRS comes from Anki's ease, linearly (250% → 5, 130% →
 * about 10): a rough reading, since the two are not defined alike. Returns undefined for a new card.
 */
export function ankiStateWithoutHistory(card: AnkiDeckCard, collectionCreated: number, settings: SchedulerSettings): AnkiStateEvent | undefined {
  const { type, ivl, factor, reps, lapses, fsrs, due, left, cardId } = card.anki;
  if (type !== 1 && type !== 2 && type !== 3) return undefined;
  const dueMs = ankiDueMs(due, collectionCreated);
  const review = type === 2;
  // The Good initial stability of FSRS for a learning card whose interval says nothing yet.
  const stability = fsrs?.stability ?? (ivl > 0 ? ivl : (settings.fsrsWeights ?? generatorParameters().w)[2]!);
  const difficulty = fsrs?.difficulty ?? (factor > 0 ? Math.min(10, Math.max(1, 11 - 4 * (factor / 1000 - 1))) : 5);
  const lastReview = fsrs?.lastReview !== undefined ? fsrs.lastReview * 1000 : review ? dueMs - ivl * DAY_MS : dueMs;
  const steps = type === 3 ? settings.relearningSteps.length : settings.learningSteps.length;
  const after: ScheduleState = {
    due: dueMs,
    stability,
    difficulty,
    elapsedDays: 0,
    scheduledDays: review ? ivl : 0,
    learningSteps: review ? 0 : stepIndex(left, steps),
    reps: Math.max(1, reps),
    lapses,
    state: review ? State.Review : type === 3 ? State.Relearning : State.Learning,
    lastReview,
  };
  // The id names the state, so a later package with another state for the card adds a new event.
  const id = `anki-state-${stableHash(`${card.id}:${cardId}:${type}:${due}:${ivl}:${left}`)}`;
  return { id, at: lastReview, before: newScheduleState(lastReview), after };
}

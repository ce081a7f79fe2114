// An Anki card's answers replayed through Rehearse's scheduling: on the fixtures (each answer
// graded from the state the one before gave), and on single cards for what the fixtures lack
// (learning steps, states exported without their log, suspension, Anki's FSRS state).
import { describe, expect, it } from 'vitest';
import { ankiReviewId, fsrsAgreement, fsrsAgrees, replayAnkiCard, type AnkiDeckCard } from '../../../src/core/anki/index.ts';
import { gradeCard, newScheduleState, State } from '../../../src/core/scheduling/fsrs.ts';
import { normalizeSettings } from '../../../src/core/scheduling/settings.ts';
import type { ReplayEntry } from '../../../src/core/sync/replay.ts';
import { fixtureDecks } from './ankiFixtures.ts';

const SETTINGS = normalizeSettings({ enableFuzz: false });
const DAY = 86_400_000;
/** `crt` of the fixtures: 2023-04-11 00:00 UTC. */
const CRT = 1_681_171_200;

/** A card of a hand-written Anki card, its scheduling overridden by `anki`. */
function card(anki: Partial<AnkiDeckCard['anki']>, reviews: AnkiDeckCard['reviews'] = []): AnkiDeckCard {
  return {
    id: 'deck/abc',
    front: 'Q',
    back: 'A',
    tags: [],
    kind: 'basic',
    meta: { line: 1 },
    reviews,
    anki: { noteGuid: 'g', cardId: 1, ord: 0, deckName: 'Deck', queue: 0, type: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, ...anki },
  };
}

const answer = (rating: 1 | 2 | 3 | 4, reviewedAt: number) => ({ reviewedAt, rating, durationMs: 5000, kind: 'review' as const, revlogId: reviewedAt });

describe('replayAnkiCard on new_deck.apkg', () => {
  it('grades every answer from the state the one before gave, and ends in the last one\'s state', async () => {
    const [deck] = await fixtureDecks('new_deck.apkg');
    let answers = 0;
    let movedToAnkisDay = 0;
    for (const c of deck!.cards) {
      const replay = replayAnkiCard(c, deck!.anki.collectionCreated, SETTINGS);
      expect(replay.answers.map((a) => a.review)).toEqual(c.reviews);
      let state = newScheduleState(c.reviews[0]!.reviewedAt);
      for (const a of replay.answers) {
        expect(a.before).toEqual(state);
        expect(a.id).toBe(ankiReviewId(c.id, a.review.revlogId));
        state = gradeCard(state, a.review.rating, a.review.reviewedAt, SETTINGS).state;
        if (a !== replay.answers.at(-1)) expect(a.after).toEqual(state);
      }
      // Every card there is in review in Anki: the replay gives its memory, Anki its due day and
      // interval (its SM-2 scheduled them: 557 days, where the replay would be due years earlier).
      // (A replay due on Anki's very day keeps its time of day.)
      const dueDay = (CRT + c.anki.due * 86_400) * 1000;
      const sameDay = Math.floor((state.due / 1000 - CRT) / 86_400) === c.anki.due;
      if (!sameDay) movedToAnkisDay++;
      expect(replay.schedule).toEqual(sameDay ? state : { ...state, due: dueDay, scheduledDays: c.anki.ivl });
      expect(replay.answers.at(-1)!.after).toEqual(replay.schedule);
      expect(replay.schedule.state).toBe(State.Review);
      expect(replay.schedule.reps).toBe(c.reviews.length);
      answers += replay.answers.length;
    }
    expect(answers).toBe(23);
    expect(movedToAnkisDay).toBeGreaterThan(0);
    // Anki stored no FSRS state in this package (its cards.data is "{}"): nothing to compare.
    expect(fsrsAgreement(deck!.cards.map((c) => replayAnkiCard(c, CRT, SETTINGS)))).toEqual({ compared: 0, matching: 0 });
  });

  it('replays nothing twice: answers already among the known entries are not graded again', async () => {
    const [deck] = await fixtureDecks('new_deck.apkg');
    const c = deck!.cards[1]!;
    const whole = replayAnkiCard(c, CRT, SETTINGS);
    const known: ReplayEntry[] = whole.answers.slice(0, 3).map((a) => ({ id: a.id, kind: 'grade', rating: a.review.rating, at: a.review.reviewedAt, before: a.before, after: a.after }));
    const rest = replayAnkiCard(c, CRT, SETTINGS, known);
    expect(rest.answers.map((a) => a.id)).toEqual(whole.answers.slice(3).map((a) => a.id));
    expect(rest.schedule).toEqual(whole.schedule);
    expect(rest.regraded).toBe(false);
  });
});

describe('replayAnkiCard on single cards', () => {
  it('leaves a card without answers new', () => {
    const replay = replayAnkiCard(card({ type: 0, queue: 0 }), CRT, SETTINGS);
    expect(replay).toMatchObject({ answers: [], schedule: { state: State.New, reps: 0 }, suspended: false, buried: false });
    expect(replay.stateEvent).toBeUndefined();
  });

  it('keeps Anki\'s due and stability for a review card exported without its log', () => {
    const withFsrs = replayAnkiCard(card({ type: 2, queue: 2, due: 300, ivl: 40, factor: 2500, reps: 6, lapses: 1, fsrs: { stability: 37.5, difficulty: 6.25 } }), CRT, SETTINGS);
    expect(withFsrs.answers).toEqual([]);
    expect(withFsrs.schedule).toMatchObject({ state: State.Review, due: (CRT + 300 * 86_400) * 1000, stability: 37.5, difficulty: 6.25, reps: 6, lapses: 1, scheduledDays: 40 });
    expect(withFsrs.stateEvent).toMatchObject({ after: withFsrs.schedule, before: { state: State.New } });
    // Without FSRS: the interval stands for the stability, the ease for the difficulty.
    const sm2 = replayAnkiCard(card({ type: 2, queue: 2, due: 300, ivl: 40, factor: 2500 }), CRT, SETTINGS);
    expect(sm2.schedule).toMatchObject({ stability: 40, difficulty: 5, lastReview: (CRT + 260 * 86_400) * 1000 });
  });

  it('keeps a learning card exported without its log in learning, on its step, due when Anki said', () => {
    const due = 1_700_000_600;
    const replay = replayAnkiCard(card({ type: 1, queue: 1, due, left: 1001 }), CRT, SETTINGS);
    expect(replay.schedule).toMatchObject({ state: State.Learning, due: due * 1000, learningSteps: 1 });
    expect(replay.schedule.stability).toBeGreaterThan(0);
  });

  it('keeps the step Anki has a learning card on after its last answer', () => {
    const at = Date.UTC(2024, 0, 1, 9);
    // Again on a new card, in an Anki deck whose steps are 5m 30m: both steps left, due in 5 minutes.
    const again = replayAnkiCard(card({ type: 1, queue: 1, due: at / 1000 + 300, left: 2002 }, [answer(1, at)]), CRT, SETTINGS);
    expect(again.schedule).toMatchObject({ state: State.Learning, learningSteps: 0, due: at + 300_000 });
    // Good on a new card of a deck with three steps (1m 10m 1h): two left, so Rehearse's two steps start over.
    const good = replayAnkiCard(card({ type: 1, queue: 1, due: at / 1000 + 600, left: 2002 }, [answer(3, at)]), CRT, SETTINGS);
    expect(good.schedule).toMatchObject({ state: State.Learning, learningSteps: 0, due: at + 600_000 });
    expect(good.answers[0]!.after).toEqual(good.schedule);
    // One step left: Rehearse's last.
    const last = replayAnkiCard(card({ type: 1, queue: 1, due: at / 1000 + 3600, left: 1001 }, [answer(3, at), answer(3, at + 600_000)]), CRT, SETTINGS);
    expect(last.schedule).toMatchObject({ state: State.Learning, learningSteps: 1, due: at + 3_600_000 });
    // Relearning after a lapse, on its one step.
    const lapse = replayAnkiCard(
      card({ type: 3, queue: 1, due: at / 1000 + 20 * DAY / 1000 + 600, left: 1001, lapses: 1 }, [answer(3, at), answer(3, at + DAY), answer(3, at + 5 * DAY), answer(1, at + 20 * DAY)]),
      CRT,
      SETTINGS,
    );
    expect(lapse.schedule).toMatchObject({ state: State.Relearning, learningSteps: 0, lapses: 1 });
  });

  it('says suspended for queue -1 and buried for -2 and -3, whatever its state', () => {
    expect(replayAnkiCard(card({ type: 2, queue: -1, due: 10, ivl: 3 }), CRT, SETTINGS)).toMatchObject({ suspended: true, buried: false, schedule: { state: State.Review } });
    expect(replayAnkiCard(card({ queue: -2 }), CRT, SETTINGS)).toMatchObject({ suspended: false, buried: true });
    expect(replayAnkiCard(card({ queue: -3 }), CRT, SETTINGS)).toMatchObject({ suspended: false, buried: true });
  });

  it('compares the replayed memory state with Anki\'s FSRS state within its tolerance', () => {
    const at = Date.UTC(2024, 0, 1, 9);
    const reviews = [answer(3, at), answer(3, at + 3 * DAY), answer(4, at + 12 * DAY)];
    const replayed = replayAnkiCard(card({ type: 2, queue: 2 }, reviews), CRT, SETTINGS).schedule;
    const { stability: s, difficulty: d } = replayed;
    const matching = replayAnkiCard(card({ type: 2, queue: 2, fsrs: { stability: s * 1.04, difficulty: d - 0.4 } }, reviews), CRT, SETTINGS);
    const off = replayAnkiCard(card({ type: 2, queue: 2, fsrs: { stability: s * 1.2, difficulty: d } }, reviews), CRT, SETTINGS);
    expect([matching.fsrsMatches, off.fsrsMatches]).toEqual([true, false]);
    expect(fsrsAgreement([matching, off, replayAnkiCard(card({}), CRT, SETTINGS)])).toEqual({ compared: 2, matching: 1 });
    // Half a day either way for short stabilities, half a point of difficulty.
    expect(fsrsAgrees({ stability: 1.4, difficulty: 5 }, { stability: 1, difficulty: 5.5 })).toBe(true);
    expect(fsrsAgrees({ stability: 1.6, difficulty: 5 }, { stability: 1, difficulty: 5 })).toBe(false);
    expect(fsrsAgrees({ stability: 1, difficulty: 5 }, { stability: 1, difficulty: 5.6 })).toBe(false);
  });
});

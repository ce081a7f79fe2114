// The Anki preview's sentences: history, media, counts, FSRS agreement, what Import does and
// what it did.
import { describe, expect, it } from 'vitest';
import {
  agreementSentence,
  ankiImportedSummary,
  ankiImportLabel,
  ankiPlanSentence,
  ankiWarningLines,
  answersSentence,
  deckCounts,
  mediaSentence,
  monthYear,
} from '../../../src/ui/import/ankiLib.ts';

// Mid-month at noon, so the month is the same in every time zone.
const MARCH_2021 = new Date(2021, 2, 15, 12).getTime();

describe('Anki preview sentences', () => {
  it('says the answers and since when', () => {
    expect(monthYear(MARCH_2021)).toBe('March 2021');
    const decks = [{ id: 'd', title: 'D', cards: 3, new: 3, learning: 0, review: 0, suspended: 0, buried: 0 }];
    expect(answersSentence({ answers: 1204, firstAnswerAt: MARCH_2021, decks })).toBe('1,204 answers since March 2021');
    expect(answersSentence({ answers: 1, firstAnswerAt: MARCH_2021, decks })).toBe('1 answer, in March 2021');
    expect(answersSentence({ answers: 0, decks })).toBe('No answers: every card starts new');
    // Exported with the schedule but not the review log.
    expect(answersSentence({ answers: 0, decks: [{ ...decks[0]!, new: 1, review: 2 }] })).toBe('No answers in the package: the cards keep the schedule Anki gave them');
  });

  it('says the media by kind with their size', () => {
    expect(mediaSentence({ files: 4, images: 4, sounds: 0, bytes: 1_200_000 })).toBe('4 images, 1.2 MB');
    expect(mediaSentence({ files: 2, images: 1, sounds: 1, bytes: 15025 })).toBe('1 image and 1 sound, 15.0 KB');
    expect(mediaSentence({ files: 5, images: 3, sounds: 1, bytes: 2175987 })).toBe('3 images, 1 sound and 1 other file, 2.2 MB');
    expect(mediaSentence({ files: 0, images: 0, sounds: 0, bytes: 0 })).toBe('No images or sounds');
  });

  it('lists only the counts a deck has, Anki’s order', () => {
    const deck = { id: 'd', title: 'D', cards: 14, new: 3, learning: 2, review: 8, suspended: 1, buried: 0 };
    expect(deckCounts(deck).map((c) => c.label)).toEqual(['3 new', '2 learning', '8 review', '1 suspended']);
    expect(deckCounts({ ...deck, new: 0, learning: 0, review: 1200, suspended: 0, buried: 2 }).map((c) => c.label)).toEqual(['1,200 review', '2 buried']);
  });

  it('says how well the FSRS states match, floored, and nothing before it is known', () => {
    expect(agreementSentence({ matching: 32, compared: 33 })).toBe('FSRS state matches Anki for 96% of cards (32 of 33 cards Anki kept a state for)');
    expect(agreementSentence({ matching: 1, compared: 1 })).toBe('FSRS state matches Anki for 100% of cards (1 of the 1 card Anki kept a state for)');
    expect(agreementSentence({ matching: 0, compared: 0 })).toBe('Anki kept no FSRS state for these cards: Rehearse works it out from their answers');
    expect(agreementSentence(undefined)).toBeUndefined();
  });

  it('names what Import creates and updates', () => {
    expect(ankiImportLabel(1)).toBe('Import 1 deck');
    expect(ankiImportLabel(3)).toBe('Import 3 decks');
    expect(ankiPlanSentence([{ title: 'Spanish', exists: false }])).toBe('Creates “Spanish”.');
    expect(
      ankiPlanSentence([
        { title: 'Spanish', exists: false },
        { title: 'French', exists: true },
        { title: 'German', exists: false },
      ]),
    ).toBe('Creates “Spanish” and “German” and updates “French”.');
    expect(ankiPlanSentence([{ title: 'French', exists: true }])).toBe('Updates “French”.');
  });

  it('says the package’s warnings, then the decks’ once per kind with how many notes', () => {
    const reason = 'This cloze note has no gap c1, so its card shows the whole text.';
    const warning = (line: number) => ({ line, ruleId: 'anki-cloze-no-gap', reason });
    expect(ankiWarningLines(['1 review row of cards no longer in the collection left out.'], [{ title: 'A', warnings: [warning(3)] }])).toEqual([
      { ruleId: 'package-0', text: '1 review row of cards no longer in the collection left out.', count: 1 },
      { ruleId: 'anki-cloze-no-gap', text: reason, count: 1 },
    ]);
    const lines = ankiWarningLines([], [
      { title: 'A', warnings: [warning(3), warning(5)] },
      { title: 'B', warnings: [warning(1)] },
    ]);
    expect(lines).toEqual([{ ruleId: 'anki-cloze-no-gap', text: 'This cloze note has no gap c1, so its card shows the whole text (3 notes, in “A”, “B”).', count: 3 }]);
  });

  it('says what an import did: all new, nothing new, or what changed', () => {
    expect(ankiImportedSummary({ cardsAdded: 6, cardsUpdated: 0, reviewsAdded: 23, reviewsAlreadyThere: 0 }, 6)).toBe('6 cards and 23 answers');
    expect(ankiImportedSummary({ cardsAdded: 8, cardsUpdated: 0, reviewsAdded: 0, reviewsAlreadyThere: 0 }, 8)).toBe('8 cards, all new');
    expect(ankiImportedSummary({ cardsAdded: 0, cardsUpdated: 0, reviewsAdded: 0, reviewsAlreadyThere: 23 }, 6)).toBe(
      'No changes (its 6 cards and 23 answers were there already)',
    );
    expect(ankiImportedSummary({ cardsAdded: 2, cardsUpdated: 1, reviewsAdded: 5, reviewsAlreadyThere: 18 }, 8)).toBe('2 new cards, 1 card updated and 5 new answers');
    expect(ankiImportedSummary({ cardsAdded: 0, cardsUpdated: 1, reviewsAdded: 0, reviewsAlreadyThere: 3 }, 6)).toBe('1 card updated and no new answers');
  });
});

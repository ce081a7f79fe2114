// Pure helpers of the Anki package preview: a package's figures in plain words (its decks'
// counts, the history, the media, how well the rebuilt FSRS states match Anki's) and what the
// Import button will do. Tested in tests/ui/import/ankiLib.test.ts.
import { groupedNumber } from '../../core/text/groupedNumber.ts';
import type { NoteWarning } from '../../core/deck/types.ts';
import type { AnkiDeckSummary, AnkiPackageSummary } from '../../workers/importProtocol.ts';
import { formatMediaSize } from '../../storage/media/storeMedia.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const plural = (n: number, one: string, many: string) => `${groupedNumber(n)} ${n === 1 ? one : many}`;

/** "March 2021", in local time (without Intl, whose first use loads locale data). */
export function monthYear(epochMs: number): string {
  const date = new Date(epochMs);
  return `${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/**
 * "1,204 answers since March 2021"; "1 answer, in May 2023"; with none, "No answers: every card
 * starts new", or, for a package exported with its schedule but not its history, that the cards
 * keep Anki's schedule.
 */
export function answersSentence(summary: Pick<AnkiPackageSummary, 'answers' | 'firstAnswerAt' | 'decks'>): string {
  const { answers, firstAnswerAt } = summary;
  if (answers === 0 || firstAnswerAt === undefined) {
    const allNew = summary.decks.every((deck) => deck.new === deck.cards);
    return allNew ? 'No answers: every card starts new' : 'No answers in the package: the cards keep the schedule Anki gave them';
  }
  if (answers === 1) return `1 answer, in ${monthYear(firstAnswerAt)}`;
  return `${plural(answers, 'answer', 'answers')} since ${monthYear(firstAnswerAt)}`;
}

/** "4 images, 1.2 MB"; "1 image and 1 sound, 15.0 KB"; "No images or sounds". */
export function mediaSentence(media: AnkiPackageSummary['media']): string {
  if (media.files === 0) return 'No images or sounds';
  const other = media.files - media.images - media.sounds;
  const parts = [
    media.images > 0 ? plural(media.images, 'image', 'images') : '',
    media.sounds > 0 ? plural(media.sounds, 'sound', 'sounds') : '',
    other > 0 ? plural(other, 'other file', 'other files') : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
  // In decimal units, as the media limit's message and file managers say sizes.
  return `${list}, ${formatMediaSize(media.bytes)}`;
}

/** The counts of a deck, Anki's way, in the order Anki shows them; only the non-zero ones. */
export function deckCounts(deck: AnkiDeckSummary): Array<{ kind: 'new' | 'learning' | 'review' | 'suspended' | 'buried'; count: number; label: string }> {
  const all = [
    { kind: 'new', count: deck.new, label: `${groupedNumber(deck.new)} new` },
    { kind: 'learning', count: deck.learning, label: `${groupedNumber(deck.learning)} learning` },
    { kind: 'review', count: deck.review, label: `${groupedNumber(deck.review)} review` },
    { kind: 'suspended', count: deck.suspended, label: `${groupedNumber(deck.suspended)} suspended` },
    { kind: 'buried', count: deck.buried, label: `${groupedNumber(deck.buried)} buried` },
  ] as const;
  return all.filter((c) => c.count > 0);
}

/** "6 cards", "1 card". */
export function cardsWord(n: number): string {
  return plural(n, 'card', 'cards');
}

/**
 * "FSRS state matches Anki for 97% of cards"; undefined when there is nothing to say yet.
 * The percentage is floored, so "100%" means every card.
 */
export function agreementSentence(agreement: AnkiPackageSummary['agreement']): string | undefined {
  if (!agreement) return undefined;
  const { matching, compared } = agreement;
  if (compared === 0) return 'Anki kept no FSRS state for these cards: Rehearse works it out from their answers';
  const percent = Math.floor((matching / compared) * 100);
  const of = compared === 1 ? 'the 1 card Anki kept a state for' : `${groupedNumber(compared)} cards Anki kept a state for`;
  return `FSRS state matches Anki for ${percent}% of cards (${groupedNumber(matching)} of ${of})`;
}

/** "Import 1 deck", "Import 3 decks". */
export function ankiImportLabel(decks: number): string {
  return decks === 1 ? 'Import 1 deck' : `Import ${groupedNumber(decks)} decks`;
}

/** What Import will do: "Creates “Spanish” and updates “French”." */
export function ankiPlanSentence(decks: ReadonlyArray<{ title: string; exists: boolean }>): string {
  const quoted = (list: ReadonlyArray<{ title: string }>) => {
    const names = list.map((d) => `“${d.title}”`);
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  };
  const created = decks.filter((d) => !d.exists);
  const updated = decks.filter((d) => d.exists);
  const parts = [created.length > 0 ? `creates ${quoted(created)}` : '', updated.length > 0 ? `updates ${quoted(updated)}` : ''].filter(Boolean);
  if (parts.length === 0) return 'Nothing to import.';
  const sentence = parts.join(' and ');
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}

/** Warnings of one kind across a package's decks, said once: "This cloze note has no gap c1, … (2 notes)." */
export interface AnkiWarningLine {
  ruleId: string;
  text: string;
  count: number;
}

/** The package's own warnings, then the decks' grouped by rule (a deck's line is a note's number, not worth showing). */
export function ankiWarningLines(packageWarnings: readonly string[], decks: ReadonlyArray<{ title: string; warnings: readonly NoteWarning[] }>): AnkiWarningLine[] {
  const lines: AnkiWarningLine[] = packageWarnings.map((text, i) => ({ ruleId: `package-${i}`, text, count: 1 }));
  const byRule = new Map<string, { reason: string; count: number; decks: Set<string> }>();
  for (const deck of decks) {
    for (const warning of deck.warnings) {
      const group = byRule.get(warning.ruleId) ?? { reason: warning.reason, count: 0, decks: new Set<string>() };
      group.count++;
      group.decks.add(deck.title);
      byRule.set(warning.ruleId, group);
    }
  }
  const several = decks.length > 1;
  for (const [ruleId, group] of byRule) {
    const where = [group.count > 1 ? plural(group.count, 'note', 'notes') : '', several ? `in ${[...group.decks].map((t) => `“${t}”`).join(', ')}` : '']
      .filter(Boolean)
      .join(', ');
    const text = where ? `${group.reason.replace(/\.$/, '')} (${where}).` : group.reason;
    lines.push({ ruleId, text, count: group.count });
  }
  return lines;
}

/** The counts of an Anki import's report the result line needs (storage's `AnkiImportReport`). */
export interface AnkiImportCounts {
  cardsAdded: number;
  cardsUpdated: number;
  reviewsAdded: number;
  reviewsAlreadyThere: number;
}

/**
 * The result line after an import: "6 cards and 23 answers" ("8 cards, all new"); on a re-import "2 new cards, 1 card
 * updated and 5 new answers", or "No changes (its 6 cards and 23 answers were there already)".
 */
export function ankiImportedSummary(report: AnkiImportCounts, cards: number): string {
  const { cardsAdded, cardsUpdated, reviewsAdded, reviewsAlreadyThere } = report;
  const answers = (n: number) => plural(n, 'answer', 'answers');
  if (cardsAdded === cards && reviewsAlreadyThere === 0) return reviewsAdded === 0 ? `${cardsWord(cards)}, all new` : `${cardsWord(cards)} and ${answers(reviewsAdded)}`;
  if (cardsAdded === 0 && cardsUpdated === 0 && reviewsAdded === 0) {
    return `No changes (${cards === 1 ? 'its card' : `its ${cardsWord(cards)}`}${reviewsAlreadyThere > 0 ? ` and ${answers(reviewsAlreadyThere)}` : ''} ${cards === 1 && reviewsAlreadyThere === 0 ? 'was' : 'were'} there already)`;
  }
  const parts = [
    cardsAdded > 0 ? plural(cardsAdded, 'new card', 'new cards') : '',
    cardsUpdated > 0 ? plural(cardsUpdated, 'card updated', 'cards updated') : '',
    reviewsAdded > 0 ? plural(reviewsAdded, 'new answer', 'new answers') : 'no new answers',
  ].filter(Boolean);
  return `${parts.slice(0, -1).join(', ')}${parts.length > 1 ? ' and ' : ''}${parts.at(-1)}`;
}

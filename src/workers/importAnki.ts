// The import worker's Anki side: a package's bytes → its decks, the media their cards use, and
// what the preview says about it, with the FSRS states rebuilt from the answers compared with
// Anki's. Loaded by the handler only when a file is an Anki package, so importing a note never
// loads the zip, zstd and SQLite readers.
import { unzipSync } from 'fflate';
import { ankiPackageToDecks, fsrsAgreement, readAnkiPackage, replayAnkiCard, type AnkiPackage, type AnkiRehearseDeck, type SqlModule } from '../core/anki/index.ts';
import { normalizeSettings, type SchedulerSettings } from '../core/scheduling/settings.ts';
import { mediaForPackage, planPackageMedia, type MediaPlan } from '../storage/media/mediaForPackage.ts';
import { mediaSizeProblem } from '../storage/media/storeMedia.ts';
import type { AnkiDeckSummary, AnkiImportResult, AnkiPackageSummary, ImportPhase } from './importProtocol.ts';

/** A package whose media pass the limit: refused before any of it is decompressed. */
export class AnkiMediaTooLarge extends Error {
  override readonly name = 'AnkiMediaTooLarge';
}

/**
 * Whether a zip holds an Anki collection (`collection.anki2`, `.anki21`, `.anki21b`): for a file
 * not named .apkg/.colpkg that starts like a zip. Only the names are read, nothing is unpacked.
 */
export function zipHoldsAnkiCollection(bytes: Uint8Array): boolean {
  let found = false;
  try {
    unzipSync(bytes, {
      filter(file) {
        if (/^collection\.anki2/.test(file.name)) found = true;
        return false;
      },
    });
  } catch {
    // A damaged zip: read it as what its name says.
  }
  return found;
}

/**
 * Reads a package into the decks to import, their media and the preview's summary.
 * @throws AnkiPackageError with one sentence when the package cannot be used at all, and
 * AnkiMediaTooLarge when its media pass storage's limit.
 */
export function readAnkiImport(
  bytes: Uint8Array,
  name: string,
  deps: { SQL: SqlModule; settings?: SchedulerSettings | undefined },
  progress: (phase: ImportPhase) => void,
  now: () => number,
): AnkiImportResult {
  const started = now();
  progress('unpacking');
  const pkg = readAnkiPackage(bytes, name, { SQL: deps.SQL });
  progress('parsing');
  const { decks, warnings } = ankiPackageToDecks(pkg, name);
  // Checked from the list alone, before anything is decompressed.
  const plan = planPackageMedia(pkg.media, decks);
  const tooLarge = mediaSizeProblem(plan.bytes);
  if (tooLarge) throw new AnkiMediaTooLarge(`${name}: ${tooLarge}`);
  const media = mediaForPackage(bytes, pkg, decks);
  const summary = summarizeAnkiPackage(pkg, decks, name, plan);
  progress('replaying');
  summary.agreement = ankiAgreement(decks, normalizeSettings(deps.settings));
  return { ok: true, kind: 'anki', name, decks, warnings: [...warnings, ...media.warnings], summary, media: media.entries, parseMs: now() - started };
}

/**
 * Of the cards Anki kept an FSRS state for, how many the replay of their answers (with the
 * user's settings, as the import replays them) brings to the same state.
 */
export function ankiAgreement(decks: readonly AnkiRehearseDeck[], settings: SchedulerSettings): { matching: number; compared: number } {
  return fsrsAgreement(decks.flatMap((deck) => deck.cards.map((card) => replayAnkiCard(card, deck.anki.collectionCreated, settings))));
}

/** Counts per deck, answers, and the media the cards use; `agreement` is added by `ankiAgreement`. */
export function summarizeAnkiPackage(
  pkg: Pick<AnkiPackage, 'layout'>,
  decks: readonly AnkiRehearseDeck[],
  name: string,
  media: Pick<MediaPlan, 'files' | 'images' | 'sounds' | 'bytes'>,
): AnkiPackageSummary {
  let answers = 0;
  let firstAnswerAt = Infinity;
  let lastAnswerAt = -Infinity;
  const deckSummaries = decks.map((deck): AnkiDeckSummary => {
    const counts: AnkiDeckSummary = { id: deck.id, title: deck.title, cards: deck.cards.length, new: 0, learning: 0, review: 0, suspended: 0, buried: 0 };
    for (const card of deck.cards) {
      const { queue, type } = card.anki;
      if (queue === -1) counts.suspended++;
      else if (type === 0) counts.new++;
      else if (type === 2) counts.review++;
      else counts.learning++;
      if (queue === -2 || queue === -3) counts.buried++;
      answers += card.reviews.length;
      for (const review of card.reviews) {
        if (review.reviewedAt < firstAnswerAt) firstAnswerAt = review.reviewedAt;
        if (review.reviewedAt > lastAnswerAt) lastAnswerAt = review.reviewedAt;
      }
    }
    return counts;
  });
  return {
    kind: /\.colpkg$/i.test(name) ? 'colpkg' : 'apkg',
    layout: pkg.layout,
    decks: deckSummaries,
    answers,
    ...(answers > 0 ? { firstAnswerAt, lastAnswerAt } : {}),
    media: { files: media.files.length, images: media.images, sounds: media.sounds, bytes: media.bytes },
  };
}

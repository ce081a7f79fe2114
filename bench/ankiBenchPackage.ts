// An Anki package for `npm run bench:import`: one deck of generated cards with a year of answers
// (the bench collection's generator, so every state and log row has the real shape), written by
// the app's own .apkg export in Anki's schema 11 — what an Anki user's deck looks like to the
// importer: notes, cards with their scheduling, and a revlog row per answer.
import { zipSync } from 'fflate';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import initSqlJs from 'sql.js';
import { unified } from 'unified';
import { DEFAULT_SCHEDULER_SETTINGS } from '../src/core/scheduling/settings.ts';
import { buildApkg } from '../src/ui/anki/apkg.ts';
import { collectionGenerator } from './seedCollection.ts';

export interface BenchPackage {
  bytes: Uint8Array;
  cards: number;
  answers: number;
}

const html = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

/** `cards` cards of which `seenShare` were introduced over the past year, as an .apkg. */
export async function benchAnkiPackage(cards: number, seenShare: number, now = Date.now()): Promise<BenchPackage> {
  const settings = { ...DEFAULT_SCHEDULER_SETTINGS };
  const generated = collectionGenerator(now, settings, { cardsPerDeck: cards, seenShare }).deck(0);
  const bytes = await buildApkg(
    { deck: { id: 'anki-bench', title: 'Anki bench deck' }, cards: generated.cards, states: generated.states, logs: generated.logs },
    // Plain remark → HTML (the app's renderer loads stylesheets, which Node does not): Anki fields are HTML either way.
    { SQL: await initSqlJs(), zip: zipSync, renderHtml: async (markdown) => String(await html.process(markdown)) },
    { now, settings },
  );
  return { bytes, cards: generated.cards.length, answers: generated.logs.length };
}

// The persisted search index equals a fresh build from the cards, whatever wrote them: random
// sequences of deck syncs (bundled decks and re-imports with changed, moved, removed and new
// cards), imports, edits and reverts, answers, suspensions, resets, deck deletions, backup
// restores (both modes) and rows from another device, checked after every step.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/random.ts';
import { Rating } from '../../src/core/scheduling/index.ts';
import { editCard, resetCard, revertCardEdit } from '../../src/storage/cardEdits.ts';
import {
  buryCard,
  DEFAULT_IMPORT_CHOICES,
  deleteDeck,
  importDeck,
  recordReview,
  suspendCard,
  syncDecks,
  type RehearseDb,
} from '../../src/storage/index.ts';
import { buildSearchRows, decodeShard, type StoredSearchDeck, type StoredSearchShard } from '../../src/storage/search/shard.ts';
import { exportBackup, restoreBackup } from '../../src/storage/backup.ts';
import { applyRemoteRows } from '../../src/storage/syncStore.ts';
import { DAY, freshFactory, makeDeck, NOON, openTestDb, allSyncRows } from './helpers.ts';

const RUNS = Number(process.env.SEARCH_RUNS ?? 12);
const STEPS = 14;
const WORDS = 'alpha beta gamma delta café naïve résumé latency cache shard replica index'.split(' ');

/** The index as stored, in a comparable shape (shards decoded, keys sorted). */
async function stored(db: RehearseDb) {
  const shards = (await db.table<StoredSearchShard>('searchShards').toArray()).map((s) => ({ key: [s.deckId, s.block], cards: decodeShard(s) }));
  const decks = await db.table<StoredSearchDeck>('searchDecks').toArray();
  return normalize(shards, decks);
}

/** The index a fresh build from every card and state gives. */
async function rebuilt(db: RehearseDb) {
  const { shards, decks } = buildSearchRows(await db.cards.toArray(), await db.cardStates.toArray());
  return normalize(shards.map((s) => ({ key: [s.deckId, s.block], cards: decodeShard(s) })), decks);
}

function normalize(shards: Array<{ key: unknown[]; cards: unknown[] }>, decks: StoredSearchDeck[]) {
  const byKey = (a: { key: unknown[] }, b: { key: unknown[] }) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1);
  return { shards: [...shards].sort(byKey), decks: [...decks].sort((a, b) => (a.deckId < b.deckId ? -1 : 1)) };
}


function randomDeck(rand: () => number, id: string, size: number) {
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const pairs: Array<[string, string]> = [];
  const fronts = new Set<string>();
  while (pairs.length < size) {
    const front = `What is ${pick()} ${pick()} ${Math.floor(rand() * 40)}?`;
    if (fronts.has(front)) continue;
    fronts.add(front);
    pairs.push([front, `**${pick()}** and ${pick()}`]);
  }
  const deck = makeDeck(id, pairs, id);
  for (const c of deck.cards) if (rand() < 0.3) c.tags = [pick().replace(/[^a-z]/g, '') || 'x'];
  return deck;
}

async function randomCard(db: RehearseDb, rand: () => number) {
  const cards = await db.cards.toArray();
  return cards.length ? cards[Math.floor(rand() * cards.length)]! : undefined;
}

describe('the persisted search index', () => {
  it(`equals a fresh build after every step of ${RUNS} random sequences of writes`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const rand = seededRandom(1000 + run);
      const db = await openTestDb(freshFactory(), `search-${run}`);
      const other = await openTestDb(freshFactory(), `search-other-${run}`);
      let now = NOON;
      const log: string[] = [];
      let deleted = false;
      for (let step = 0; step < STEPS; step++) {
        now += DAY / 3;
        const r = rand();
        let did: string;
        if (r < 0.18) {
          // Bundled decks synced: some with a changed size (cards move, leave, arrive).
          const decks = ['b1', 'b2'].filter(() => rand() < 0.8).map((id) => randomDeck(seededRandom(Math.floor(rand() * 3)), id, 3 + Math.floor(rand() * 30)));
          await syncDecks(db, decks, now);
          did = `sync ${decks.map((d) => `${d.id}:${d.cards.length}`).join(',')}`;
        } else if (r < 0.3) {
          const deck = randomDeck(seededRandom(Math.floor(rand() * 3)), 'imp', 2 + Math.floor(rand() * 700));
          await importDeck(db, deck, DEFAULT_IMPORT_CHOICES, now);
          did = `import ${deck.cards.length}`;
        } else if (r < 0.42) {
          const card = await randomCard(db, rand);
          if (!card) continue;
          if (card.userEdited && rand() < 0.5) await revertCardEdit(db, card.id, now);
          else await editCard(db, card.id, { front: `${card.front} edited ${Math.floor(rand() * 9)}`, back: 'Résumé', tags: rand() < 0.5 ? ['mine'] : [] }, now);
          did = `edit ${card.id}`;
        } else if (r < 0.6) {
          const card = await randomCard(db, rand);
          const state = card && (await db.cardStates.get(card.id));
          if (!state) continue;
          await recordReview(db, { cardId: card.id, rating: rand() < 0.3 ? Rating.Again : Rating.Good, now, durationMs: 3000, expectedStateVersion: state.version });
          did = `answer ${card.id}`;
        } else if (r < 0.68) {
          const card = await randomCard(db, rand);
          if (!card) continue;
          const r2 = rand();
          if (r2 < 0.4) await suspendCard(db, card.id, rand() < 0.7, now);
          else if (r2 < 0.7) await buryCard(db, card.id, now);
          else await resetCard(db, card.id, now);
          did = `suspend/bury/reset ${card.id}`;
        } else if (r < 0.76) {
          const decks = await db.decks.toArray();
          if (!decks.length) continue;
          const deck = decks[Math.floor(rand() * decks.length)]!;
          await deleteDeck(db, deck.id, now);
          deleted = true;
          did = `delete ${deck.id}`;
        } else if (r < 0.88) {
          // A backup of this device restored on the other, replacing or merging.
          // (After a deck deletion this device's backup holds voided answers of cards it no longer
          // has, which a restore refuses as damaged: the other device's backup comes here instead.)
          const mode = rand() < 0.5 ? 'replace' : 'merge';
          const [from, to] = deleted ? [other, db] : [db, other];
          await restoreBackup(to, await (await exportBackup(from, now)).text(), { mode });
          expect(await stored(to), `restore ${mode} at run ${run} step ${step}`).toEqual(await rebuilt(to));
          did = `restore ${mode} ${deleted ? 'here' : 'on the other'}`;
        } else {
          // Rows of the other device applied here.
          await applyRemoteRows(db, await allSyncRows(other), now);
          did = 'remote rows';
        }
        log.push(did);
        expect(await stored(db), `run ${run}, after: ${log.join(' → ')}`).toEqual(await rebuilt(db));
      }
      db.close();
      other.close();
    }
  }, 300_000); // a runner limit for a long test on a shared machine, not a timing check
});

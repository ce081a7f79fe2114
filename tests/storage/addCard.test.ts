// Cards added in the app: one transaction, no note behind them, so every rebuild of the bundled
// decks and every re-import of a note into the same deck keeps them and their progress; backups
// bring them back; they travel as card registers.
import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import { addCard } from '../../src/storage/addCard.ts';
import { exportBackup, restoreBackup } from '../../src/storage/backup.ts';
import { readDeckForExport } from '../../src/storage/anki/deckForExport.ts';
import { deckToMarkdown } from '../../src/core/deck/deckToMarkdown.ts';
import { importNote } from '../../src/core/deck/importNote.ts';
import { importDeck, DEFAULT_IMPORT_CHOICES } from '../../src/storage/importDeck.ts';
import { deckWithCards, StorageError, syncDecks } from '../../src/storage/index.ts';
import { SYNC_CONFIG_KEY } from '../../src/storage/syncLog.ts';
import { dump, review } from './backupSupport.ts';
import { DAY, freshFactory, HOUR, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

describe('addCard', () => {
  it('adds a card and its reverse to a new deck of the user own, each with a new state, in deck order', async () => {
    const db = await openTestDb();
    const added = await addCard(db, { front: ' What is **CAP**? ', back: 'Consistency, availability, partition tolerance.', tags: ['dist sys', 'dist sys', ' '], deck: { newTitle: '  Interview   notes ' }, reverse: true }, NOON);
    expect(added.createdDeck).toBe(true);
    expect(added.deckTitle).toBe('Interview notes');
    expect(added.cardIds).toHaveLength(2);
    const { deck, cards } = await deckWithCards(db, added.deckId);
    expect(deck).toMatchObject({ title: 'Interview notes', cardCount: 2, hidden: false, origin: 'imported' });
    expect(cards.map((c) => [c.front, c.back, c.tags, c.userAdded, c.position])).toEqual([
      ['What is **CAP**?', 'Consistency, availability, partition tolerance.', ['dist-sys'], true, 0],
      ['Consistency, availability, partition tolerance.', 'What is **CAP**?', ['dist-sys'], true, 1],
    ]);
    const states = await db.cardStates.bulkGet(added.cardIds);
    expect(states.map((s) => [s?.schedule.state, s?.newRank, s?.deckId])).toEqual([
      [State.New, 0, added.deckId],
      [State.New, 1, added.deckId],
    ]);
    // Typing the same name again (any case) adds to that deck, after its cards.
    const again = await addCard(db, { front: 'Q3', back: 'A3', tags: [], deck: { newTitle: 'interview NOTES' }, reverse: false }, NOON);
    expect(again).toMatchObject({ deckId: added.deckId, createdDeck: false });
    expect((await db.cards.get(again.cardIds[0]!))?.position).toBe(2);
    expect((await db.decks.get(added.deckId))?.cardCount).toBe(3);
    db.close();
  });

  it('refuses an empty side or a deck that is gone, with a sentence, writing nothing', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('js', QA)], NOON);
    const before = await dump(db);
    const attempts = [
      { front: '  ', back: 'A', deck: { id: 'js' } },
      { front: 'Q', back: '', deck: { id: 'js' } },
      { front: 'Q', back: 'A', deck: { id: 'gone' } },
      { front: 'Q', back: 'A', deck: { newTitle: '   ' } },
    ];
    for (const a of attempts) {
      const error = await addCard(db, { ...a, tags: [], reverse: true }, NOON).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).code).toBe('bad-input');
      expect((error as StorageError).message).toMatch(/^[A-Z].*\.$/);
    }
    expect(await dump(db)).toEqual(before);
    db.close();
  });

  it('is kept, with its progress, through a rebuild of the bundled decks and a re-import of a note into the same deck', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('js', QA)], NOON, { hideMissingDecks: true, origin: 'bundled' });
    await importDeck(db, makeDeck('notes', [['Imported question?', 'Imported answer.']]), DEFAULT_IMPORT_CHOICES, NOON);
    const inBundled = await addCard(db, { front: 'What is a closure?', back: 'My own words.', tags: ['mine'], deck: { id: 'js' }, reverse: true }, NOON);
    const inImported = await addCard(db, { front: 'Imported question?', back: 'Imported answer.', tags: [], deck: { id: 'notes' }, reverse: false }, NOON);
    for (const id of [...inBundled.cardIds, ...inImported.cardIds]) await review(db, id, Rating.Good, NOON + HOUR);
    const progress = async () => (await db.cardStates.bulkGet([...inBundled.cardIds, ...inImported.cardIds])).map((s) => [s?.schedule, s?.hidden, s?.version]);
    const before = await progress();
    const cardsBefore = await db.cards.bulkGet([...inBundled.cardIds, ...inImported.cardIds]);

    // The bundled decks rebuilt with a card changed, one gone and one new; then the note re-imported, changed.
    const rebuilt = makeDeck('js', [...QA.slice(1), ['What is a closure in JS?', 'A function with its scope.'], ['New one?', 'Yes.']]);
    await syncDecks(db, [rebuilt], NOON + DAY, { hideMissingDecks: true, origin: 'bundled' });
    await importDeck(db, makeDeck('notes', [['Another question?', 'Another answer.']]), DEFAULT_IMPORT_CHOICES, NOON + DAY);
    await importDeck(db, makeDeck('notes', []), DEFAULT_IMPORT_CHOICES, NOON + 2 * DAY);

    expect(await progress()).toEqual(before);
    expect(await db.cards.bulkGet([...inBundled.cardIds, ...inImported.cardIds])).toEqual(cardsBefore);
    expect(before.every(([s]) => (s as { state: State }).state !== State.New)).toBe(true);
    // The added cards count among their deck's cards; their reviews stay theirs.
    expect((await db.decks.get('js'))?.cardCount).toBe(rebuilt.cards.length + 2);
    expect((await db.decks.get('notes'))?.cardCount).toBe(1);
    for (const id of [...inBundled.cardIds, ...inImported.cardIds]) expect(await db.reviews.where('cardId').equals(id).count()).toBe(1);
    db.close();
  });

  it('round-trips through a backup', async () => {
    const factory = freshFactory();
    const db = await openTestDb(factory, 'device');
    await syncDecks(db, [makeDeck('js', QA)], NOON);
    const added = await addCard(db, { front: 'Q?', back: 'A.', tags: ['t'], deck: { newTitle: 'Mine' }, reverse: true }, NOON);
    await review(db, added.cardIds[1]!, Rating.Again, NOON + HOUR);
    const text = await (await exportBackup(db, NOON + 2 * HOUR)).text();
    const before = await dump(db);
    await db.delete();
    const fresh = await openTestDb(factory, 'device');
    await fresh.settings.clear();
    await restoreBackup(fresh, text, { mode: 'replace' });
    const after = await dump(fresh);
    expect(after.cards.filter((c) => c.userAdded)).toHaveLength(2);
    // (The restore notes the backup as the latest one: settings differ by that alone.)
    expect({ ...after, settings: [] }).toEqual({ ...before, settings: [] });
    // A rebuild after the restore still leaves them alone.
    await syncDecks(fresh, [makeDeck('js', QA.slice(2))], NOON + DAY, { hideMissingDecks: true });
    expect((await fresh.cards.bulkGet(added.cardIds)).map((c) => c?.hidden)).toEqual([false, false]);
    fresh.close();
  });

  it('goes into the markdown and .apkg exports of its deck, and the markdown reads back as the same cards', async () => {
    const db = await openTestDb();
    const added = await addCard(db, { front: 'What is a **quorum**?', back: 'A majority of the voters, so two can never both win.', tags: ['raft'], deck: { newTitle: 'Mine' }, reverse: true }, NOON);
    const forAnki = await readDeckForExport(db, added.deckId);
    expect(forAnki.cards.map((c) => c.id)).toEqual(added.cardIds);
    expect(forAnki.states.map((s) => s.cardId).sort()).toEqual([...added.cardIds].sort());
    const { deck, cards } = await deckWithCards(db, added.deckId);
    const markdown = deckToMarkdown({ title: deck.title, cards });
    const back = importNote({ fileName: 'mine.md', bytes: new TextEncoder().encode(markdown) }).deck.cards;
    expect(back.map((c) => [c.front, c.back])).toEqual(cards.map((c) => [c.front, c.back]));
    db.close();
  });

  it('stamps the new deck and cards as registers, queued for the server when sync is set up', async () => {
    const db = await openTestDb();
    await db.settings.put({ key: SYNC_CONFIG_KEY, value: { server: 'x' } });
    const added = await addCard(db, { front: 'Q?', back: 'A.', tags: [], deck: { newTitle: 'Mine' }, reverse: true }, NOON);
    const queued = (await db.syncOutbox.toArray()).map((r) => r.id);
    expect(queued).toEqual([`deck:${added.deckId}`, ...added.cardIds.map((id) => `card:${id}`)]);
    db.close();
  });
});

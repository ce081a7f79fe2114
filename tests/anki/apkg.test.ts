// The .apkg export, opened the way Anki opens it: unzip, then read collection.anki2 with SQLite.
import { unzipSync, zipSync } from 'fflate';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { readDeckForExport } from '../../src/storage/anki/deckForExport.ts';
import { recordReview, suspendCard, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { ankiTags, BASIC_MODEL_ID, buildApkg, checksum, CLOZE_MODEL_ID, guidFor, katexToMathJax, sha1Hex } from '../../src/ui/anki/apkg.ts';
import { renderCardMarkdown } from '../../src/ui/render/markdownToHtml.ts';
import { DAY, HOUR, makeDeck, NOON, openTestDb } from '../storage/helpers.ts';
import { storeAnkiMedia } from '../../src/storage/media/storeMedia.ts';
import { assignCardIds } from '../../src/core/deck/cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Card, type Deck } from '../../src/core/deck/types.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function deck(): Deck {
  const raw: Array<Omit<Card, 'id'>> = [
    { front: 'What is a **closure**?', back: 'A function with its captured variables.\n\n```js\nconst f = () => x;\n```', tags: ['Interview Prep', 'JavaScript'], kind: 'basic', meta: { line: 1, section: ['Interview Prep', 'JavaScript'], layout: 'markdown' } },
    { front: 'Softmax of $z_i$?', back: '$$\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$', tags: ['ML'], kind: 'basic', meta: { line: 5, section: ['ML'], layout: 'markdown' } },
    { front: 'A ==LEFT JOIN== keeps every row of the ==left== table.', back: 'A ==LEFT JOIN== keeps every row of the ==left== table.', tags: [], kind: 'cloze', meta: { line: 9, layout: 'markdown' } },
    { front: 'Tags from Anki?', back: 'Kept.', tags: ['Interview::SQL', 'sql::joins'], kind: 'basic', meta: { line: 12, section: ['Interview::SQL', 'sql::joins'], layout: 'anki-text' } },
    { front: 'Suspended one?', back: 'Stays suspended. <script>alert(1)</script>', tags: [], kind: 'basic', meta: { line: 15 } },
  ];
  const ids = assignCardIds('prep', raw.map((c) => c.front));
  return { format: DECK_FORMAT, version: DECK_VERSION, id: 'prep', title: 'Interview prep', source: 'prep.md', layouts: ['markdown'], cards: raw.map((c, i) => ({ ...c, id: ids[i]! })), warnings: [] };
}

async function seeded(): Promise<{ db: RehearseDb; ids: string[] }> {
  const db = await openTestDb();
  const d = deck();
  await syncDecks(db, [d], NOON);
  const ids = d.cards.map((c) => c.id);
  const grade = async (id: string, rating: number, now: number) => {
    const s = await db.cardStates.get(id);
    await recordReview(db, { cardId: id, rating: rating as never, now, durationMs: 3000, expectedStateVersion: s!.version });
  };
  await grade(ids[0]!, Rating.Good, NOON);
  await grade(ids[0]!, Rating.Good, NOON + HOUR);
  await grade(ids[0]!, Rating.Good, NOON + 2 * DAY);
  await grade(ids[1]!, Rating.Again, NOON + 2 * DAY);
  await suspendCard(db, ids[4]!);
  return { db, ids };
}

async function exportAndOpen(db: RehearseDb, includeProgress = true): Promise<{ files: Record<string, Uint8Array>; col: Database }> {
  const data = await readDeckForExport(db, 'prep');
  const bytes = await buildApkg(
    { deck: { id: 'prep', title: data.deck.title }, cards: data.cards, states: data.states, logs: data.logs },
    { SQL, zip: zipSync, renderHtml: renderCardMarkdown },
    { now: NOON + 3 * DAY, includeProgress },
  );
  const files = unzipSync(bytes);
  return { files, col: new SQL.Database(files['collection.anki2']!) };
}

const rows = (col: Database, sql: string) => {
  const [result] = col.exec(sql);
  return (result?.values ?? []).map((v) => Object.fromEntries(result!.columns.map((c, i) => [c, v[i]])));
};

describe('.apkg export', () => {
  it('is a zip of collection.anki2 (schema 11) and an empty media list', async () => {
    const { db } = await seeded();
    const { files, col } = await exportAndOpen(db);
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
    expect(new TextDecoder().decode(files.media)).toBe('{}');
    expect(rows(col, 'SELECT ver FROM col')).toEqual([{ ver: 11 }]);
    const tables = rows(col, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
  });

  it('declares the Basic note type with Front/Back, the Cloze type, and the deck by name', async () => {
    const { db } = await seeded();
    const { col } = await exportAndOpen(db);
    const [c] = rows(col, 'SELECT models, decks FROM col');
    const models = JSON.parse(c!.models as string);
    expect(models[BASIC_MODEL_ID].flds.map((f: { name: string }) => f.name)).toEqual(['Front', 'Back']);
    expect(models[BASIC_MODEL_ID].type).toBe(0);
    expect(models[BASIC_MODEL_ID].tmpls[0].qfmt).toBe('{{Front}}');
    expect(models[CLOZE_MODEL_ID].flds.map((f: { name: string }) => f.name)).toEqual(['Text', 'Extra']);
    const decks = Object.values(JSON.parse(c!.decks as string)) as Array<{ id: number; name: string }>;
    expect(decks.map((d) => d.name).sort()).toEqual(['Default', 'Interview prep']);
    const deckId = decks.find((d) => d.name === 'Interview prep')!.id;
    expect(rows(col, 'SELECT DISTINCT did FROM cards')).toEqual([{ did: deckId }]);
  });

  it('notes: fields as HTML joined by \\x1f, math as MathJax, sanitized, tags kept, stable guids', async () => {
    const { db, ids } = await seeded();
    const { col } = await exportAndOpen(db);
    const notes = rows(col, 'SELECT guid, mid, tags, flds, sfld, csum FROM notes ORDER BY id');
    expect(notes).toHaveLength(5);
    const fields = notes.map((n) => (n.flds as string).split('\x1f'));
    expect(fields[0]![0]).toBe('<p>What is a <strong>closure</strong>?</p>');
    expect(fields[0]![1]).toContain('<pre><code class="hljs language-js">');
    expect(fields[1]![0]).toBe('<p>Softmax of \\(z_i\\)?</p>');
    expect(fields[1]![1]).toContain('\\[\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}\\]');
    expect(fields[1]![1]).not.toContain('katex');
    expect(fields[2]).toEqual(['<p>A {{c1::LEFT JOIN}} keeps every row of the {{c1::left}} table.</p>', '']);
    expect(notes[2]!.mid).toBe(CLOZE_MODEL_ID);
    expect(fields[4]![1]).not.toContain('<script');
    expect(notes.map((n) => n.tags)).toEqual([' Interview_Prep::JavaScript ', ' ML ', '', ' Interview::SQL sql::joins ', '']);
    expect(notes[0]!.sfld).toBe('What is a closure?');
    expect(notes[0]!.csum).toBe(checksum('What is a closure?'));
    expect(notes.map((n) => n.guid)).toEqual(ids.map(guidFor));
    expect(new Set(notes.map((n) => n.guid)).size).toBe(5);
  });

  it('cards: one per note (one for the two-gap cloze, its gaps hidden together) with the FSRS progress mapped', async () => {
    const { db } = await seeded();
    const { col } = await exportAndOpen(db);
    const cards = rows(col, 'SELECT c.ord, c.type, c.queue, c.due, c.ivl, c.reps, c.lapses, c.data FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.id, c.ord');
    expect(cards).toHaveLength(5);
    // Reviewed three times, now in review: due in days from the collection's creation.
    expect(cards[0]).toMatchObject({ type: 2, queue: 2, reps: 3, lapses: 0 });
    expect(cards[0]!.ivl).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(cards[0]!.data as string)).toEqual({ s: expect.any(Number), d: expect.any(Number), dr: 0.9, decay: 0.154, lrt: (NOON + 2 * DAY) / 1000 });
    // Answered Again once: learning, due at a time in seconds.
    expect(cards[1]).toMatchObject({ type: 1, queue: 1, reps: 1 });
    expect(cards[1]!.due).toBeGreaterThan(NOON / 1000);
    // New cards in deck order; the suspended one stays suspended.
    expect(cards.slice(2).map((c) => [c.ord, c.type, c.queue, c.due])).toEqual([
      [0, 0, 0, 3],
      [0, 0, 0, 4],
      [0, 0, -1, 5],
    ]);
    const [crt] = rows(col, 'SELECT crt FROM col');
    const today = Math.floor((NOON + 3 * DAY) / 1000 - (crt!.crt as number)) / 86400;
    expect(cards[0]!.due as number).toBeGreaterThanOrEqual(Math.floor(today));
  });

  it('the review log becomes the revlog of the exported cards', async () => {
    const { db } = await seeded();
    const { col } = await exportAndOpen(db);
    const revlog = rows(col, 'SELECT id, ease, ivl, lastIvl, time, type FROM revlog ORDER BY id');
    expect(revlog.map((r) => [r.id, r.ease, r.type, r.time])).toEqual([
      [NOON, 3, 0, 3000],
      [NOON + HOUR, 3, 0, 3000],
      [NOON + 2 * DAY, 3, 1, 3000], // answered in review
      [NOON + 2 * DAY + 1, 1, 0, 3000], // the same millisecond: ids stay unique
    ]);
    expect(revlog[2]!.ivl as number).toBeGreaterThanOrEqual(1);
    expect(revlog[0]!.ivl as number).toBeLessThan(0); // a learning step, in seconds
  });

  it('without progress every card is new and no history is written', async () => {
    const { db } = await seeded();
    const { col } = await exportAndOpen(db, false);
    expect(rows(col, 'SELECT DISTINCT type, queue FROM cards')).toEqual([{ type: 0, queue: 0 }]);
    expect(rows(col, 'SELECT count(*) AS n FROM revlog')).toEqual([{ n: 0 }]);
  });
});

describe('.apkg export of stored media', () => {
  it('the files a deck’s cards name come from its media table into the package', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('pics', [['Which bird? ![](bird.jpg)', 'A robin [sound:robin.mp3]'], ['No picture', 'None']])], NOON);
    const bird = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
    const robin = new Uint8Array([0x49, 0x44, 0x33, 7]);
    const other = new Uint8Array([1, 2, 3]);
    await storeAnkiMedia(db, [
      { deckId: 'pics', name: 'bird.jpg', bytes: bird },
      { deckId: 'pics', name: 'robin.mp3', bytes: robin },
      { deckId: 'pics', name: 'unused.png', bytes: other },
    ]);
    const data = await readDeckForExport(db, 'pics');
    expect([...data.media.keys()].sort()).toEqual(['bird.jpg', 'robin.mp3']);
    const bytes = await buildApkg(
      { deck: { id: 'pics', title: 'Pics' }, cards: data.cards, states: data.states, logs: data.logs, media: data.media },
      { SQL, zip: zipSync, renderHtml: renderCardMarkdown },
      { now: NOON },
    );
    const files = unzipSync(bytes);
    const list = JSON.parse(new TextDecoder().decode(files.media)) as Record<string, string>;
    expect(Object.fromEntries(Object.entries(list).map(([i, name]) => [name, files[i]]))).toEqual({ 'bird.jpg': bird, 'robin.mp3': robin });
    const col = new SQL.Database(files['collection.anki2']!);
    expect(rows(col, 'SELECT flds FROM notes ORDER BY id')[0]!.flds).toBe('<p>Which bird? <img src="bird.jpg"></p>\x1f<p>A robin [sound:robin.mp3]</p>');
  });
});

describe('helpers', () => {
  it('sha1 matches known digests', () => {
    const hex = (s: string) => sha1Hex(new TextEncoder().encode(s));
    expect(hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex('a'.repeat(1000))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });

  it('katexToMathJax leaves other HTML alone', () => {
    expect(katexToMathJax('<p>no math <span class="x">here</span></p>')).toBe('<p>no math <span class="x">here</span></p>');
  });

  it('ankiTags: a section path is one hierarchical tag, spaces become _', () => {
    const card = { tags: ['Part 1', 'Deep Learning', 'extra tag'], meta: { line: 1, section: ['Part 1', 'Deep Learning'] } } as never;
    expect(ankiTags(card)).toEqual(['Part_1::Deep_Learning', 'extra_tag']);
  });
});

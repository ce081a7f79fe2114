// The Anki package reader on the real packages in ../shared/anki and on copies of them
// repackaged into the other layouts Anki writes (pre-2.1.28 `collection.anki2` only; zstd frames
// without a content size), plus the broken inputs, each of which must give one sentence.
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnkiPackageError, readAnkiPackage, type AnkiPackage } from '../../../src/core/anki/index.ts';
import { currentCollection, fixtureBytes, fixtureEntries, loadSql, zip, zstdWithoutContentSize } from './ankiFixtures.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

function read(name: string, bytes = fixtureBytes(name)): AnkiPackage {
  return readAnkiPackage(bytes, name, { SQL });
}

function failure(bytes: Uint8Array, name: string): AnkiPackageError {
  try {
    readAnkiPackage(bytes, name, { SQL });
  } catch (error) {
    if (error instanceof AnkiPackageError) return error;
    throw error;
  }
  throw new Error(`${name} was read without an error`);
}

describe('readAnkiPackage on the fixtures', () => {
  it('reads the older layout (collection.anki21, JSON media list)', () => {
    const pkg = read('legacy_deck.apkg');
    expect(pkg.layout).toBe('anki21');
    expect([pkg.notes.length, pkg.cards.length, pkg.revlog.length]).toEqual([5, 6, 7]);
    expect(pkg.decks.map((d) => d.name)).toEqual(['Default', 'Test deck']);
    expect(pkg.notes[0]).toMatchObject({
      guid: 'r|EIC$_]pj',
      fields: ['<b>Car</b>', 'Back for Car<br><img src="download.jpg"><br>[sound:cable-car.mp3]'],
      tags: ['technic', 'wheels'],
    });
    expect(pkg.media).toEqual([
      { name: 'download.jpg', size: 7026, zipName: '0' },
      { name: 'cable-car.mp3', size: 7999, zipName: '1' },
    ]);
    const cloze = pkg.notetypes.find((n) => n.name === 'Cloze');
    expect(cloze).toMatchObject({ kind: 'cloze', fields: ['Text', 'Back Extra'] });
    expect(pkg.notetypes.find((n) => n.name === 'Basic')?.templates[0]).toMatchObject({ ord: 0, qfmt: '{{Front}}' });
    expect(pkg.warnings).toEqual([]);
  });

  it('reads the current layout (collection.anki21b in zstd, protobuf media list), not the stub beside it', () => {
    const pkg = read('new_deck.apkg');
    expect(pkg.layout).toBe('anki21b');
    expect([pkg.notes.length, pkg.cards.length, pkg.revlog.length]).toEqual([5, 6, 23]);
    expect(pkg.decks.map((d) => d.name)).toEqual(['Default', 'Test deck']);
    expect(pkg.notes[0]?.fields[0]).toBe('<b>Car</b>');
    expect(pkg.notes[0]?.tags).toEqual(['technic', 'wheels']);
    expect(pkg.media.map((m) => [m.name, m.size])).toEqual([['download.jpg', 7026], ['cable-car.mp3', 7999]]);
    // Note types, fields and templates come from their own tables, templates from protobuf.
    const optional = pkg.notetypes.find((n) => n.name === 'Basic (optional reversed card)');
    expect(optional?.fields).toEqual(['Front', 'Back', 'Add Reverse']);
    expect(optional?.templates.map((t) => t.qfmt)).toEqual(['{{Front}}', '{{#Add Reverse}}{{Back}}{{/Add Reverse}}']);
    expect(pkg.notetypes.find((n) => n.name === 'Cloze')?.kind).toBe('cloze');
    const review = pkg.cards.find((c) => c.id === 1681200886280);
    expect(review).toMatchObject({ type: 2, queue: 2, due: 739, ivl: 557, factor: 2650, reps: 4 });
  });

  it('lists the media of the deck exported with scheduling and media', () => {
    const pkg = read('deck_sheduling_media_new.apkg');
    expect([pkg.notes.length, pkg.cards.length, pkg.revlog.length]).toEqual([6, 8, 0]);
    expect(pkg.decks.map((d) => d.name)).toEqual(['Default', 'new_test_deck']);
    // Two images in the fields of one note, one in the other, and a sound: four files in the list.
    expect(pkg.media.map((m) => m.name)).toEqual([
      'Screenshot 2023-11-30 at 19.04.25.png',
      'Screenshot 2023-10-24 at 22.01.53.png',
      '1452.webp',
      'proficiency.mp3',
    ]);
    expect(pkg.media[0]?.size).toBe(1_570_196);
    expect(pkg.cards.every((c) => c.type === 0 && c.queue === 0)).toBe(true);
  });

  it('reads a whole collection (.colpkg) with its review rows, orphans included', () => {
    const pkg = read('collection_nomedia_new.colpkg');
    expect([pkg.notes.length, pkg.cards.length, pkg.revlog.length]).toEqual([6, 8, 88]);
    const cardIds = new Set(pkg.cards.map((c) => c.id));
    expect(pkg.revlog.filter((r) => cardIds.has(r.cardId))).toHaveLength(1);
    expect(pkg.decks.map((d) => d.name)).toContain('new_test_deck');
    expect(pkg.media).toEqual([]);
    const learning = pkg.cards.find((c) => c.id === 1701619763340);
    expect(learning).toMatchObject({ type: 1, queue: 1, left: 2002 });
  });
});

describe('readAnkiPackage on other layouts', () => {
  /** A legacy fixture's collection, edited, packed as Anki before 2.1.28 did: collection.anki2 only. */
  function pre2128Package(): Uint8Array {
    const entries = fixtureEntries('legacy_deck.apkg');
    const db = new SQL.Database(entries['collection.anki21']);
    const [decksJson] = db.exec('SELECT decks FROM col')[0]!.values[0]!;
    const decks = JSON.parse(String(decksJson)) as Record<string, { name: string }>;
    decks['1681197047443']!.name = 'Vehicles::Cars';
    db.run('UPDATE col SET decks = ?', [JSON.stringify(decks)]);
    db.run(`UPDATE cards SET data = '{"s":12.5,"d":6.25,"dr":0.9,"decay":0.1542}' WHERE id = 1681200886280`);
    const bytes = db.export();
    db.close();
    return zip({ 'collection.anki2': bytes, media: entries.media!, '0': entries['0']!, '1': entries['1']! });
  }

  it('reads a package that has only collection.anki2 (Anki before 2.1.28), with :: deck names and FSRS data', () => {
    const pkg = read('old.apkg', pre2128Package());
    expect(pkg.layout).toBe('anki2');
    expect([pkg.notes.length, pkg.cards.length, pkg.revlog.length]).toEqual([5, 6, 7]);
    expect(pkg.decks.map((d) => d.name)).toEqual(['Default', 'Vehicles::Cars']);
    expect(pkg.cards.find((c) => c.id === 1681200886280)?.fsrs).toEqual({
      stability: 12.5,
      difficulty: 6.25,
      desiredRetention: 0.9,
      decay: 0.1542,
    });
    expect(pkg.cards.find((c) => c.id !== 1681200886280)?.fsrs).toBeUndefined();
  });

  it('renumbers the learning answers of a collection on the old scheduler, as Anki does on upgrading', () => {
    const entries = fixtureEntries('legacy_deck.apkg');
    const db = new SQL.Database(entries['collection.anki21']);
    const conf = JSON.parse(String(db.exec('SELECT conf FROM col')[0]!.values[0]![0])) as Record<string, unknown>;
    delete conf.schedVer;
    db.run('UPDATE col SET conf = ?', [JSON.stringify(conf)]);
    // A lapsed review card, in learning again: v1 kept it as type 2.
    db.run('UPDATE cards SET queue = 1 WHERE id = 1681200886280');
    const v1 = zip({ 'collection.anki21': db.export(), media: '{}' });
    db.close();
    const before = read('legacy_deck.apkg');
    const after = read('v1.apkg', v1);
    expect([before.schedulerVersion, after.schedulerVersion]).toEqual([2, 1]);
    // v1 learning had three buttons: its 2 (Good) and 3 (Easy) are v2's 3 and 4; review rows keep theirs.
    const expected = before.revlog.map((r) => ({ ...r, ease: (r.type === 0 || r.type === 2) && (r.ease === 2 || r.ease === 3) ? r.ease + 1 : r.ease }));
    expect(after.revlog).toEqual(expected);
    expect(after.revlog.filter((r, i) => r.ease !== before.revlog[i]!.ease).length).toBeGreaterThan(0);
    expect(after.cards.find((c) => c.id === 1681200886280)).toMatchObject({ type: 3, queue: 1 });
  });

  it('reads the scheduler version of a current collection from its config table', () => {
    expect(read('new_deck.apkg').schedulerVersion).toBe(2);
  });

  it('gives a card in a filtered deck its home deck and its own due', () => {
    const entries = fixtureEntries('legacy_deck.apkg');
    const db = new SQL.Database(entries['collection.anki21']);
    // As Anki moves a review card into a filtered deck: home deck in odid, due kept in odue.
    db.run('UPDATE cards SET odid = did, did = 4242, odue = due, due = -100000 WHERE id = 1681200886280');
    const bytes = zip({ 'collection.anki21': db.export(), media: '{}' });
    db.close();
    const card = read('filtered.apkg', bytes).cards.find((c) => c.id === 1681200886280);
    expect(card).toMatchObject({ deckId: 1681197047443, due: 1, type: 2, queue: 2 });
  });

  it('needs the unicase collation handled: plain sql.js cannot sort the current decks table', () => {
    const db = new SQL.Database(currentCollection('new_deck.apkg'));
    expect(() => db.exec('SELECT name FROM decks ORDER BY name')).toThrow(/unicase/);
    db.close();
  });

  it('reads zstd frames without a content size, and decks joined with \\x1f become ::', () => {
    const db = new SQL.Database(currentCollection('new_deck.apkg'));
    // Editing a unicase column's index would need the collation: drop the index first.
    db.run('DROP INDEX idx_decks_name');
    db.run("UPDATE decks SET name = 'Vehicles' || char(31) || 'Cars' WHERE id = 1681197047443");
    const sqlite = db.export();
    db.close();
    const entries = fixtureEntries('new_deck.apkg');
    const bytes = zip({
      meta: entries.meta!,
      'collection.anki2': entries['collection.anki2']!,
      'collection.anki21b': zstdWithoutContentSize(sqlite),
      media: entries.media!,
    });
    const pkg = read('streamed.apkg', bytes);
    expect(pkg.layout).toBe('anki21b');
    expect(pkg.decks.map((d) => d.name)).toEqual(['Default', 'Vehicles::Cars']);
    expect([pkg.notes.length, pkg.cards.length, pkg.revlog.length]).toEqual([5, 6, 23]);
    // The media list names files the zip no longer holds: a warning, not a failure.
    expect(pkg.media).toEqual([]);
    expect(pkg.warnings).toEqual(['2 media files listed in the package are missing from it.']);
  });
});

describe('readAnkiPackage on packages it cannot use', () => {
  it('says the empty file is empty', () => {
    const error = failure(fixtureBytes('broken_deck.apkg'), 'broken_deck.apkg');
    expect(error.code).toBe('empty');
    expect(error.message).toBe('broken_deck.apkg is empty.');
  });

  it('says a truncated package was cut short', () => {
    const bytes = fixtureBytes('new_deck.apkg');
    const error = failure(bytes.slice(0, Math.floor(bytes.length / 2)), '/downloads/new_deck.apkg');
    expect(error.code).toBe('truncated');
    expect(error.message).toBe('new_deck.apkg was cut short: it may not have finished downloading.');
  });

  it('says a file that is not a zip is not a zip', () => {
    const error = failure(new TextEncoder().encode('Front;Back\nhello;world\n'), 'notes.apkg');
    expect(error.message).toBe('notes.apkg is not a zip file: it may be damaged or not an Anki package.');
  });

  it('says a zip without a collection holds none', () => {
    const error = failure(zip({ media: '{}', 'readme.txt': 'hi' }), 'x.apkg');
    expect(error.message).toBe('x.apkg holds no Anki collection.');
  });

  it('does not read the "please update Anki" stub as the collection', () => {
    const entries = fixtureEntries('new_deck.apkg');
    const error = failure(zip({ 'collection.anki2': entries['collection.anki2']! }), 'stub.apkg');
    expect(error.code).toBe('no-collection');
    expect(error.message).toBe('stub.apkg holds no Anki collection, only a note asking for a newer Anki.');
  });

  it('knows the stub by the package metadata when Anki wrote its note in another language', () => {
    const entries = fixtureEntries('new_deck.apkg');
    const db = new SQL.Database(entries['collection.anki2']);
    db.run("UPDATE notes SET flds = 'Bitte aktualisieren Sie Anki und importieren Sie die Datei erneut.' || char(31)");
    const stub = db.export();
    db.close();
    const error = failure(zip({ meta: entries.meta!, 'collection.anki2': stub }), 'deutsch.apkg');
    expect(error.message).toBe('deutsch.apkg holds no Anki collection, only a note asking for a newer Anki.');
  });

  it('says a package from a newer Anki than it knows is too new', () => {
    const entries = fixtureEntries('new_deck.apkg');
    const error = failure(zip({ ...entries, meta: new Uint8Array([8, 4]) }), 'future.apkg');
    expect(error.code).toBe('too-new');
    expect(error.message).toBe('future.apkg was made by a newer Anki than Rehearse can read: export it again with “Support older Anki versions” ticked.');
  });

  it('says a collection that is not a database is damaged', () => {
    const error = failure(zip({ 'collection.anki21': 'SQLite format 3\u0000 but nothing after' }), 'x.apkg');
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^x\.apkg has a damaged collection: [^.]+\.$/);
  });

  it('says a collection that is not zstd is damaged', () => {
    const error = failure(zip({ 'collection.anki21b': 'not zstd at all' }), 'x.apkg');
    expect(error.code).toBe('damaged');
    expect(error.message).toBe('x.apkg has a damaged collection: it could not be decompressed.');
  });
});

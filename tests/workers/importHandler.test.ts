// The import worker's message handling, in Node (File and Blob streams exist here too).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../src/core/deck/deckFromNote.ts';
import { importNote } from '../../src/core/deck/importNote.ts';
import { handleImportRequest } from '../../src/workers/importHandler.ts';
import { noteWhereAutoFindsNothing } from '../fixtures/import/autoFindsNothing.ts';
import type { AnkiImportResult, ImportResponse, ImportResult, ImportSource } from '../../src/workers/importProtocol.ts';
import { unzipSync, zipSync } from 'fflate';
import { ankiPackageToDecks, readAnkiPackage, replayAnkiCard } from '../../src/core/anki/index.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';
import { ankiAgreement } from '../../src/workers/importAnki.ts';
import { fixtureBytes, loadSql, zip, zstdWithoutContentSize } from '../core/anki/ankiFixtures.ts';

async function run(source: ImportSource, cutAt?: string): Promise<ImportResponse[]> {
  const messages: ImportResponse[] = [];
  await handleImportRequest({ id: 7, source, ...(cutAt ? { cutAt } : {}) }, (m) => messages.push(m), { loadSql });
  return messages;
}

function onlyDone(messages: ImportResponse[]): ImportResult {
  const dones = messages.filter((m) => m.type === 'done');
  if (dones.length !== 1 || dones[0]!.type !== 'done') throw new Error('not exactly one done message');
  return dones[0]!.result;
}

/** The one `done` message's result (a note's), with the counted choices when they came after it. */
function done(messages: ImportResponse[]): Exclude<ImportResult, AnkiImportResult> {
  const result = onlyDone(messages);
  if (result.ok && result.kind === 'anki') throw new Error('read as an Anki package');
  const dones = messages.filter((m) => m.type === 'done');
  const after = messages.slice(messages.indexOf(dones[0]!) + 1);
  const choices = after.find((m) => m.type === 'choices');
  if (!result.ok || !choices || choices.type !== 'choices' || !choices.cut) return result;
  return { ...result, cut: choices.cut };
}

describe('handleImportRequest', () => {
  it('reads a bundled note with progress, and finds the cards the converter finds', async () => {
    const bytes = readFileSync('decks/ml-interview-prep-notes.md');
    const messages = await run({ kind: 'file', file: new File([bytes], 'ml-interview-prep-notes.md', { type: 'text/markdown' }) });
    expect(messages.every((m) => m.id === 7)).toBe(true);
    const phases = messages.filter((m) => m.type === 'progress').map((m) => (m.type === 'progress' ? m.phase : ''));
    expect(phases[0]).toBe('checking');
    expect(phases).toContain('reading');
    expect(phases.at(-1)).toBe('parsing');
    const reading = messages.filter((m) => m.type === 'progress' && m.phase === 'reading');
    expect(reading.at(-1)).toMatchObject({ loaded: bytes.length, total: bytes.length });
    const result = done(messages);
    if (!result.ok) throw new Error(result.message);
    const direct = deckFromNote({ fileName: 'ml-interview-prep-notes.md', bytes });
    expect(result.deck.cards.length).toBe(direct.cards.length);
    expect(result.deck.id).toBe('import-ml-interview-prep-notes');
    expect(result.layout.name).toBe('markdown');
  });

  it('posts the cards first and every other way of cutting after them, counted', async () => {
    const bytes = readFileSync('decks/ml-interview-prep-notes.md');
    const messages = await run({ kind: 'file', file: new File([bytes], 'ml-interview-prep-notes.md', { type: 'text/markdown' }) });
    const types = messages.filter((m) => m.type !== 'progress').map((m) => m.type);
    expect(types).toEqual(['done', 'choices']);
    const first = messages.find((m) => m.type === 'done');
    if (first?.type !== 'done' || !first.result.ok || first.result.kind !== 'note') throw new Error('no cards');
    expect(first.result.cut.pending).toBe(true);
    expect(first.result.cut.choices.map((c) => c.id)).toEqual(['auto']);
    const counted = messages.find((m) => m.type === 'choices');
    if (counted?.type !== 'choices' || !counted.cut) throw new Error('no choices');
    expect(counted.cut.pending).toBeUndefined();
    expect(counted.cut.choices).toEqual(importNote({ fileName: 'ml-interview-prep-notes.md', bytes }).cut.choices);
  });

  it('refuses a PNG, an empty file and a 25 MB file with a sentence each', async () => {
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'x.png', { type: 'image/png' });
    expect(done(await run({ kind: 'file', file: png }))).toMatchObject({ ok: false, code: 'binary', message: 'x.png is an image, not a text note.' });
    const empty = new File([], 'empty.md');
    expect(done(await run({ kind: 'file', file: empty }))).toMatchObject({ ok: false, code: 'empty', message: 'empty.md is empty.' });
    const big = new File([new Uint8Array(25 * 1024 * 1024)], 'big.md');
    const messages = await run({ kind: 'file', file: big });
    expect(done(messages)).toMatchObject({ ok: false, code: 'too-large' });
    // Refused before reading: no "reading" progress at all.
    expect(messages.some((m) => m.type === 'progress' && m.phase === 'reading')).toBe(false);
  });

  it('names the layouts tried, with their examples, when no question is found', async () => {
    const result = done(await run({ kind: 'text', name: 'prose.txt', text: 'Nothing here asks anything.\nReally.\n' }));
    expect(result).toMatchObject({ ok: false, code: 'no-cards' });
    if (result.ok) return;
    expect(result.layouts?.length).toBeGreaterThanOrEqual(5);
    for (const layout of result.layouts!) expect(layout.example.split('\n')).toHaveLength(2);
  });

  it('reads pasted text under the name given', async () => {
    const result = done(await run({ kind: 'text', name: 'System design.txt', text: 'Q: What is sharding?\nA: Splitting data across nodes.\n' }));
    expect(result).toMatchObject({ ok: true, name: 'System design.txt' });
    if (result.ok) expect(result.deck.id).toBe('import-system-design');
  });

  it('cuts where the request says, with every choice and its count, as importNote does', async () => {
    const bytes = readFileSync('decks/ml-interview-prep-notes.md');
    const file = () => new File([bytes], 'ml-interview-prep-notes.md', { type: 'text/markdown' });
    const auto = done(await run({ kind: 'file', file: file() }));
    if (!auto.ok) throw new Error(auto.message);
    expect(auto.cut.chosen).toBe('auto');
    expect(auto.cut.choices[0]).toMatchObject({ id: 'auto', cards: auto.deck.cards.length });
    const other = auto.cut.choices.find((c) => c.id !== 'auto' && c.cards !== auto.deck.cards.length)!;
    expect(other).toBeDefined();

    const recut = done(await run({ kind: 'file', file: file() }, other.id));
    if (!recut.ok) throw new Error(recut.message);
    expect(recut.cut.chosen).toBe(other.id);
    expect(recut.cutFellBackFrom).toBeUndefined();
    expect(recut.deck.cards.length).toBe(other.cards);
    const direct = importNote({ fileName: 'ml-interview-prep-notes.md', bytes }, { cutAt: other.id });
    expect(recut.deck.cards.map((c) => c.id)).toEqual(direct.deck.cards.map((c) => c.id));
    expect(recut.cut.choices).toEqual(auto.cut.choices);
  });

  it('when auto finds no cards but another cut does: ok, no cards, and the choices that find some', async () => {
    const note = noteWhereAutoFindsNothing();
    const file = () => new File([note.bytes], note.name, { type: 'text/plain' });
    const result = done(await run({ kind: 'file', file: file() }));
    if (!result.ok) throw new Error(result.message);
    expect(result.deck.cards).toEqual([]);
    expect(result.cut.chosen).toBe('auto');
    expect(result.cut.choices[0]).toMatchObject({ id: 'auto', cards: 0 });
    expect(result.cut.choices.filter((c) => c.id !== 'auto' && c.cards > 0)).toEqual(note.finding);
    const picked = done(await run({ kind: 'file', file: file() }, note.finding[0]!.id));
    if (!picked.ok) throw new Error(picked.message);
    expect(picked.cut.chosen).toBe(note.finding[0]!.id);
    expect(picked.deck.cards.length).toBe(note.finding[0]!.cards);
  });

  it('a cut that finds nothing in this text (a remembered choice the note outgrew) falls back to auto, and says so', async () => {
    const text = 'Q: What is sharding?\nA: Splitting data across nodes.\n';
    for (const cutAt of ['format:transcript', 'no-such-choice']) {
      const result = done(await run({ kind: 'text', name: 'System design.txt', text }, cutAt));
      if (!result.ok) throw new Error(result.message);
      expect(result.cut.choices.some((c) => c.id === cutAt)).toBe(false);
      expect(result.cutFellBackFrom).toBe(cutAt);
      expect(result.cut.chosen).toBe('auto');
      expect(result.deck.cards.map((c) => c.front)).toEqual(['What is sharding?']);
    }
  });
});

/** The one `done` of an Anki package, which must have been read. */
function ankiDone(messages: ImportResponse[]): AnkiImportResult {
  const result = onlyDone(messages);
  if (!result.ok) throw new Error(result.message);
  if (result.kind !== 'anki') throw new Error('read as a note');
  return result;
}

const ankiFile = (name: string, bytes: Uint8Array = fixtureBytes(name), fileName = name) => new File([bytes as BlobPart], fileName);
const phasesOf = (messages: ImportResponse[]) => [...new Set(messages.flatMap((m) => (m.type === 'progress' ? [m.phase] : [])))];

describe('handleImportRequest on Anki packages', () => {
  it('reads new_deck.apkg with progress into its deck, counts, answers and media', async () => {
    const bytes = fixtureBytes('new_deck.apkg');
    const messages = await run({ kind: 'file', file: ankiFile('new_deck.apkg') });
    expect(phasesOf(messages)).toEqual(['checking', 'reading', 'unpacking', 'parsing', 'replaying']);
    expect(messages.filter((m) => m.type === 'progress' && m.phase === 'reading').at(-1)).toMatchObject({ loaded: bytes.length, total: bytes.length });
    const result = ankiDone(messages);
    expect(result.decks.map((d) => [d.title, d.cards.length])).toEqual([['Test deck', 6]]);
    expect(result.summary).toMatchObject({
      kind: 'apkg',
      layout: 'anki21b',
      decks: [{ id: result.decks[0]!.id, title: 'Test deck', cards: 6, new: 0, learning: 0, review: 6, suspended: 0, buried: 0 }],
      answers: 23,
    });
    const times = result.decks[0]!.cards.flatMap((c) => c.reviews.map((r) => r.reviewedAt));
    expect(result.summary.firstAnswerAt).toBe(Math.min(...times));
    expect(result.summary.lastAnswerAt).toBe(Math.max(...times));
    expect(result.summary.media).toEqual({ files: 2, images: 1, sounds: 1, bytes: 7026 + 7999 });
    // The files the cards use, read for the media store, under the deck that uses them.
    expect(result.media.map((m) => [m.deckId, m.name, m.bytes.length])).toEqual([
      [result.decks[0]!.id, 'download.jpg', 7026],
      [result.decks[0]!.id, 'cable-car.mp3', 7999],
    ]);
    // Anki kept no FSRS state in this package (it was studied with SM-2): nothing to compare.
    expect(result.summary.agreement).toEqual({ compared: 0, matching: 0 });
  });

  it('counts new and learning cards, media sizes, and says a .colpkg is a collection with its left-out rows', async () => {
    const media = ankiDone(await run({ kind: 'file', file: ankiFile('deck_sheduling_media_new.apkg') }));
    expect(media.summary.decks).toMatchObject([{ title: 'new_test_deck', cards: 8, new: 8, learning: 0, review: 0 }]);
    expect(media.summary.answers).toBe(0);
    expect(media.summary.firstAnswerAt).toBeUndefined();
    // Three images (two screenshots and a webp) and a sound, 2.1 MB in all.
    expect(media.summary.media).toEqual({ files: 4, images: 3, sounds: 1, bytes: 1570196 + 567486 + 13750 + 24555 });

    const legacy = ankiDone(await run({ kind: 'file', file: ankiFile('legacy_deck.apkg') }));
    expect(legacy.summary).toMatchObject({ layout: 'anki21', answers: 7 });
    expect(legacy.summary.decks).toMatchObject([{ cards: 6, new: 0, learning: 4, review: 2 }]);
    expect(legacy.summary.media).toMatchObject({ images: 1, sounds: 1 });

    const collection = ankiDone(await run({ kind: 'file', file: ankiFile('collection_nomedia_new.colpkg') }));
    expect(collection.summary).toMatchObject({ kind: 'colpkg', answers: 1, media: { files: 0, bytes: 0 } });
    expect(collection.warnings).toContain('87 review rows of cards no longer in the collection left out.');
  });

  it('reads a zip holding an Anki collection whatever its name, and refuses a zip that holds none as before', async () => {
    const renamed = ankiDone(await run({ kind: 'file', file: ankiFile('new_deck.apkg', fixtureBytes('new_deck.apkg'), 'from-a-friend.zip') }));
    expect(renamed.decks.map((d) => d.title)).toEqual(['Test deck']);
    const other = zip({ 'word/document.xml': '<w:document/>' });
    expect(done(await run({ kind: 'file', file: ankiFile('report.docx', other) }))).toMatchObject({
      ok: false,
      code: 'binary',
      message: 'report.docx is a ZIP archive (a Word document, an Anki package or similar), not a text note.',
    });
  });

  it('gives one sentence for an empty package, a zip with no collection, one cut short and one too large', async () => {
    expect(onlyDone(await run({ kind: 'file', file: ankiFile('broken_deck.apkg') }))).toEqual({
      ok: false,
      name: 'broken_deck.apkg',
      code: 'empty',
      message: 'broken_deck.apkg is empty.',
    });
    expect(onlyDone(await run({ kind: 'file', file: ankiFile('notes.apkg', zip({ 'notes.txt': 'hello' })) }))).toMatchObject({
      ok: false,
      code: 'no-collection',
      message: 'notes.apkg holds no Anki collection.',
    });
    const whole = fixtureBytes('new_deck.apkg');
    expect(onlyDone(await run({ kind: 'file', file: ankiFile('cut.apkg', whole.subarray(0, Math.floor(whole.length / 2))) }))).toMatchObject({
      ok: false,
      code: 'truncated',
      message: 'cut.apkg was cut short: it may not have finished downloading.',
    });
    const huge = ankiFile('huge.colpkg', whole);
    Object.defineProperty(huge, 'size', { value: 300 * 1024 * 1024 });
    const messages = await run({ kind: 'file', file: huge });
    expect(onlyDone(messages)).toMatchObject({ ok: false, code: 'too-large', message: expect.stringMatching(/^huge\.colpkg is 300\.0 MB; Anki packages over 256 MB are not read/) });
    expect(phasesOf(messages)).toEqual(['checking']);
  });

  it('refuses a package whose media pass the limit, from the list alone', async () => {
    const entries: Record<string, Uint8Array> = unzipSync(fixtureBytes('new_deck.apkg'));
    // The list declares download.jpg 400 MB; nothing in the zip is that big, and nothing is decompressed to find out.
    entries.media = zstdWithoutContentSize(mediaEntries([{ name: 'download.jpg', size: 400_000_000 }, { name: 'cable-car.mp3', size: 7999 }]));
    const result = onlyDone(await run({ kind: 'file', file: ankiFile('big-media.apkg', zipSync(entries)) }));
    expect(result).toMatchObject({ ok: false, code: 'media-too-large' });
    if (result.ok) return;
    expect(result.message).toBe("big-media.apkg: The package's media take 400 MB, more than the 300 MB Rehearse keeps for one package, so nothing was imported.");
  });
});

describe('ankiAgreement', () => {
  it('compares the replayed FSRS state with the one Anki stored, where it stored one', async () => {
    const SQL = await loadSql();
    const [deck] = ankiPackageToDecks(readAnkiPackage(fixtureBytes('new_deck.apkg'), 'new_deck.apkg', { SQL }), 'new_deck.apkg').decks;
    const settings = normalizeSettings({});
    const [first, second] = deck!.cards;
    const replayed = replayAnkiCard(first!, deck!.anki.collectionCreated, settings).schedule;
    const withStates = {
      ...deck!,
      cards: deck!.cards.map((card) =>
        card === first
          ? { ...card, anki: { ...card.anki, fsrs: { stability: replayed.stability, difficulty: replayed.difficulty } } }
          : card === second
            ? { ...card, anki: { ...card.anki, fsrs: { stability: 9999, difficulty: 1 } } }
            : card,
      ),
    };
    expect(ankiAgreement([withStates], settings)).toEqual({ compared: 2, matching: 1 });
    expect(ankiAgreement([deck!], settings)).toEqual({ compared: 0, matching: 0 });
  });
});

/** A MediaEntries protobuf (proto/anki/import_export.proto): entries = 1 { name = 1; size = 2 }. */
function mediaEntries(files: Array<{ name: string; size: number }>): Uint8Array {
  const varint = (n: number) => {
    const out: number[] = [];
    while (n > 0x7f) {
      out.push((n % 128) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  const bytes: number[] = [];
  for (const file of files) {
    const name = [...new TextEncoder().encode(file.name)];
    const entry = [0x0a, ...varint(name.length), ...name, 0x10, ...varint(file.size)];
    bytes.push(0x0a, ...varint(entry.length), ...entry);
  }
  return new Uint8Array(bytes);
}

// The import worker's message handling, in Node (File and Blob streams exist here too).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../src/core/deck/deckFromNote.ts';
import { importNote } from '../../src/core/deck/importNote.ts';
import { handleImportRequest } from '../../src/workers/importHandler.ts';
import { noteWhereAutoFindsNothing } from '../fixtures/import/autoFindsNothing.ts';
import type { ImportResponse, ImportSource } from '../../src/workers/importProtocol.ts';

async function run(source: ImportSource, cutAt?: string): Promise<ImportResponse[]> {
  const messages: ImportResponse[] = [];
  await handleImportRequest({ id: 7, source, ...(cutAt ? { cutAt } : {}) }, (m) => messages.push(m));
  return messages;
}

/** The one `done` message's result, with the counted choices when they came after it. */
function done(messages: ImportResponse[]) {
  const dones = messages.filter((m) => m.type === 'done');
  if (dones.length !== 1 || dones[0]!.type !== 'done') throw new Error('not exactly one done message');
  const result = dones[0]!.result;
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
    if (first?.type !== 'done' || !first.result.ok) throw new Error('no cards');
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

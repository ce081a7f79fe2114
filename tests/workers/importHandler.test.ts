// The import worker's message handling, in Node (File and Blob streams exist here too).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../src/core/deck/deckFromNote.ts';
import { handleImportRequest } from '../../src/workers/importHandler.ts';
import type { ImportResponse, ImportSource } from '../../src/workers/importProtocol.ts';

async function run(source: ImportSource): Promise<ImportResponse[]> {
  const messages: ImportResponse[] = [];
  await handleImportRequest({ id: 7, source }, (m) => messages.push(m));
  return messages;
}

function done(messages: ImportResponse[]) {
  const last = messages.at(-1)!;
  if (last.type !== 'done') throw new Error('no done message');
  return last.result;
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
});

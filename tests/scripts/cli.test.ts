// The two commands as a user runs them: one-line errors on stderr, a non-zero exit, nothing half-written.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from './runConvert.ts';
import { buildDecks } from '../../scripts/build-decks.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rehearse-cli-'));
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(join(dir, 'prose.txt'), 'Dear diary,\nToday was fine.\n');
  // “Qu’est-ce qu’un tuple ?” in Windows-1252, as an old editor would save it.
  writeFileSync(join(dir, 'latin.md'), Buffer.concat([
    Buffer.from('## '), Buffer.from([0x93]), Buffer.from('Qu'), Buffer.from([0x92]), Buffer.from('est-ce qu'),
    Buffer.from([0x92]), Buffer.from('un tuple ?'), Buffer.from([0x94]), Buffer.from('\n\nUne s'), Buffer.from([0xe9]),
    Buffer.from('quence immuable.\n'),
  ]));
  mkdirSync(join(dir, 'folder.md'));
});

describe('npm run convert', () => {
  it('prints the deck as JSON', async () => {
    const result = await convert('decks/genai-interview-questions.txt');
    expect(result.code).toBe(0);
    const deck = JSON.parse(result.stdout);
    expect(deck).toMatchObject({ id: 'genai-interview-questions', title: 'Generative AI interview questions' });
    expect(deck.cards).toHaveLength(50);
    expect(Object.keys(deck.cards[0]).sort()).toEqual(['back', 'front', 'id', 'kind', 'meta', 'tags']);
  });

  it('decodes Windows-1252 instead of failing', async () => {
    const result = await convert(join(dir, 'latin.md'));
    expect(result.code).toBe(0);
    const deck = JSON.parse(result.stdout);
    expect(deck.cards[0].front).toBe('Qu’est-ce qu’un tuple ?');
    expect(deck.cards[0].back).toBe('Une séquence immuable.');
  });

  it.each([
    ['missing', 'nothere.md', /nothere\.md: no such file\./],
    ['directory', 'folder.md', /folder\.md is a directory, not a note file\./],
    ['empty', 'empty.md', /empty\.md is empty\./],
    ['binary', 'binary.md', /binary\.md is a binary file/],
    ['no questions', 'prose.txt', /No questions found in .*prose\.txt: expected /],
  ])('says in one line what is wrong with a %s file and exits non-zero', async (_, name, message) => {
    const result = await convert(join(dir, name));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

describe('npm run decks', () => {
  it('writes every deck and an index, and a failed run leaves the previous decks in place', () => {
    const notes = mkdtempSync(join(tmpdir(), 'rehearse-notes-'));
    const out = join(notes, 'public-decks');
    writeFileSync(join(notes, 'python.md'), '## What is a list?\n\nA mutable sequence.\n');
    writeFileSync(join(notes, 'sql.md'), '## What is a join?\n\nRows combined by a condition.\n');
    const index = buildDecks(notes, out, () => {});
    expect(index.decks.map((d) => d.id)).toEqual(['python', 'sql']);
    expect(readdirSync(out).sort()).toEqual(['index.json', 'python.json', 'sql.json']);
    const before = readFileSync(join(out, 'python.json'), 'utf8');

    writeFileSync(join(notes, 'python.md'), '## What is a list?\n\nAn ordered, mutable sequence.\n');
    writeFileSync(join(notes, 'broken.md'), Buffer.from([0x00, 0x01, 0x02]));
    expect(() => buildDecks(notes, out, () => {})).toThrow(/broken\.md is a binary file/);
    expect(readFileSync(join(out, 'python.json'), 'utf8')).toBe(before);
    expect(readdirSync(notes).filter((name) => name.includes('.tmp-') || name.includes('.old-'))).toEqual([]);
  });
});

// npm run convert -- FILE: prints one deck as JSON on stdout; one-line errors on stderr.
// An Anki package (.apkg, .colpkg) prints its decks (an array when several), with their reviews.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import { AnkiPackageError, ankiPackageToDecks, readAnkiPackage } from '../src/core/anki/index.ts';
import { deckFromNote, NoteFormatError } from '../src/core/index.ts';
import { CliError, manifestEntryFor, readManifest, readNoteBytes } from './lib/noteFiles.ts';

function main(args: string[]): number | Promise<number> {
  const path = args.find((arg) => !arg.startsWith('-'));
  if (!path) {
    process.stderr.write('usage: npm run convert -- FILE\n');
    return 2;
  }
  if (/\.(apkg|colpkg)$/i.test(path)) return convertAnkiPackage(path);
  try {
    const entry = manifestEntryFor(readManifest(join(dirname(path), 'decks.json')), path);
    const deck = deckFromNote({
      fileName: path,
      bytes: readNoteBytes(path),
      ...(entry?.title ? { title: entry.title } : {}),
      ...(entry?.description ? { description: entry.description } : {}),
    });
    for (const warning of deck.warnings) {
      process.stderr.write(`${path}:${warning.line}: warning: ${warning.reason} [${warning.ruleId}]\n`);
    }
    process.stdout.write(JSON.stringify(deck, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof NoteFormatError) {
      process.stderr.write(`convert: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function convertAnkiPackage(path: string): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`convert: ${code === 'ENOENT' ? `${path}: no such file.` : `${path} cannot be read: ${code ?? String(error)}.`}\n`);
    return 1;
  }
  try {
    const { decks, warnings } = ankiPackageToDecks(readAnkiPackage(bytes, path, { SQL: await initSqlJs() }), path);
    for (const warning of warnings) process.stderr.write(`${path}: warning: ${warning}\n`);
    for (const deck of decks) {
      for (const w of deck.warnings) process.stderr.write(`${path}: ${deck.title}: note ${w.line}: warning: ${w.reason} [${w.ruleId}]\n`);
    }
    process.stdout.write(JSON.stringify(decks.length === 1 ? decks[0] : decks, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof AnkiPackageError) {
      process.stderr.write(`convert: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});

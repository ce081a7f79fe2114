// npm run decks: every note in decks/ -> public/decks/<id>.json + public/decks/index.json.
// Writes into a fresh folder and swaps it in only when every note converted, so a failed run
// leaves the previous decks in place.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DECK_INDEX_FORMAT,
  DECK_INDEX_VERSION,
  deckFromNote,
  deckIndexEntry,
  NoteFormatError,
  type DeckIndex,
} from '../src/core/index.ts';
import { CliError, manifestEntryFor, readManifest, readNoteBytes } from './lib/noteFiles.ts';

const NOTE_EXTENSIONS = /\.(md|markdown|txt|text)$/i;

export function buildDecks(notesDir: string, outDir: string, log: (line: string) => void = console.error): DeckIndex {
  const manifest = readManifest(join(notesDir, 'decks.json'));
  const files = readdirSync(notesDir).filter((name) => NOTE_EXTENSIONS.test(name)).sort();
  if (files.length === 0) throw new CliError(`${notesDir} holds no notes (.md or .txt).`);

  // Each deck is written to the staging folder as soon as it is made, so memory holds one deck
  // at a time; the folder replaces the old one only when every note converted.
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const madeBy = new Map<string, string>();
    const index: DeckIndex = { format: DECK_INDEX_FORMAT, version: DECK_INDEX_VERSION, decks: [] };
    for (const name of files) {
      const path = join(notesDir, name);
      const entry = manifestEntryFor(manifest, path);
      let deck;
      try {
        deck = deckFromNote({
          fileName: name,
          bytes: readNoteBytes(path),
          ...(entry?.title ? { title: entry.title } : {}),
          ...(entry?.description ? { description: entry.description } : {}),
        });
      } catch (error) {
        if (error instanceof NoteFormatError) throw new CliError(error.message);
        throw error;
      }
      const previous = madeBy.get(deck.id);
      if (previous) throw new CliError(`${name} and ${previous} both make deck ${deck.id}.`);
      madeBy.set(deck.id, name);
      for (const warning of deck.warnings) log(`${name}:${warning.line}: warning: ${warning.reason} [${warning.ruleId}]`);
      const json = JSON.stringify(deck);
      writeFileSync(join(staging, `${deck.id}.json`), json);
      index.decks.push(deckIndexEntry(deck, json));
      log(`${name}: ${deck.cards.length} cards (${deck.layouts.join(', ')})`);
    }
    writeFileSync(join(staging, 'index.json'), JSON.stringify(index, null, 2));
    swapIn(staging, outDir);
    return index;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Replaces `outDir` by `staging` with two renames; the old folder comes back if the second fails. */
function swapIn(staging: string, outDir: string): void {
  const previous = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    if (existsSync(previous)) renameSync(previous, outDir);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const index = buildDecks(join(root, 'decks'), join(root, 'public', 'decks'));
    const total = index.decks.reduce((sum, deck) => sum + deck.cardCount, 0);
    console.error(`decks: ${index.decks.length} decks, ${total} cards -> public/decks/`);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`decks: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}

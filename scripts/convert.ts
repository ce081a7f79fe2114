// npm run convert -- FILE: prints one deck as JSON on stdout; one-line errors on stderr.
import { dirname, join } from 'node:path';
import { deckFromNote, NoteFormatError } from '../src/core/index.ts';
import { CliError, manifestEntryFor, readManifest, readNoteBytes } from './lib/noteFiles.ts';

function main(args: string[]): number {
  const path = args.find((arg) => !arg.startsWith('-'));
  if (!path) {
    process.stderr.write('usage: npm run convert -- FILE\n');
    return 2;
  }
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

process.exitCode = main(process.argv.slice(2));

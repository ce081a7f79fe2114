// Node-side reading of note files: every way a path can be unusable becomes one clear sentence.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';

export class CliError extends Error {}

/** Largest note the converter reads, as in the app's import. */
export const MAX_NOTE_BYTES = 20 * 1024 * 1024;

export function readNoteBytes(path: string): Uint8Array {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new CliError(`${path}: no such file.`);
  }
  if (stats.isDirectory()) throw new CliError(`${path} is a directory, not a note file.`);
  if (!stats.isFile()) throw new CliError(`${path} is not a regular file.`);
  if (stats.size > MAX_NOTE_BYTES) {
    throw new CliError(`${path} is ${(stats.size / 1048576).toFixed(1)} MB; notes over 20 MB are not read.`);
  }
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}

export interface ManifestEntry {
  file: string;
  title?: string;
  description?: string;
}

/** decks/decks.json: titles and descriptions beside the notes, which are never edited by hand. */
export function readManifest(path: string): ManifestEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const decks = (parsed as { decks?: unknown }).decks;
  if (!Array.isArray(decks)) throw new CliError(`${path} has no "decks" list.`);
  return decks.filter((entry): entry is ManifestEntry => typeof entry?.file === 'string');
}

export function manifestEntryFor(entries: ManifestEntry[], path: string): ManifestEntry | undefined {
  const name = basename(path);
  return entries.find((entry) => entry.file === name);
}

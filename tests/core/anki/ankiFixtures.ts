// Helpers shared by the Anki reader tests: the fixture packages, sql.js for Node, and small
// builders that repackage a fixture's collection into other layouts Anki has written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { decompress } from 'fzstd';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { ankiPackageToDecks, readAnkiPackage, type AnkiRehearseDeck } from '../../../src/core/anki/index.ts';

export const ANKI_FIXTURES = '/work/shared/anki';

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ANKI_FIXTURES, name)));
}

let sql: Promise<SqlJsStatic> | undefined;
/** sql.js with its wasm from node_modules, loaded once per test file. */
export function loadSql(): Promise<SqlJsStatic> {
  sql ??= initSqlJs({ locateFile: (file) => join('node_modules', 'sql.js', 'dist', file) });
  return sql;
}

/** A fixture's decks as `ankiPackageToDecks` gives them, fresh each call (tests may edit them). */
export async function fixtureDecks(name: string): Promise<AnkiRehearseDeck[]> {
  return ankiPackageToDecks(readAnkiPackage(fixtureBytes(name), name, { SQL: await loadSql() }), name).decks;
}

/** The zip entries of a fixture. */
export function fixtureEntries(name: string): Record<string, Uint8Array> {
  return unzipSync(fixtureBytes(name));
}

/** The plain SQLite bytes of a current-layout fixture's collection. */
export function currentCollection(name: string): Uint8Array {
  return decompress(fixtureEntries(name)['collection.anki21b']!);
}

/**
 * Wraps bytes in zstd frames of raw (stored) blocks whose header leaves out the content size, as
 * a streaming encoder writes them (zstd format, RFC 8878 §3.1.1).
 */
export function zstdWithoutContentSize(data: Uint8Array): Uint8Array {
  const blockMax = 128 * 1024;
  const parts: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]; // magic; no size; window 128 KiB
  for (let start = 0; start < data.length || start === 0; start += blockMax) {
    const size = Math.min(blockMax, data.length - start);
    const last = start + blockMax >= data.length ? 1 : 0;
    const header = (size << 3) | last; // block type 0 = raw
    parts.push(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff);
    for (let i = start; i < start + size; i++) parts.push(data[i]!);
    if (last) break;
  }
  return new Uint8Array(parts);
}

export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}

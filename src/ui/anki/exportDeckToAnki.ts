// The browser side of "Export to Anki": loaded with import() only when the user asks, so sql.js
// (its WebAssembly is bundled by Vite, never fetched from elsewhere), the zip writer and the
// renderer stay out of the first screen.

import initSqlJs, { type SqlJsStatic } from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { zipSync } from 'fflate';
import { readDeckForExport } from '../../storage/anki/deckForExport.ts';
import type { RehearseDb } from '../../storage/db.ts';
import { renderCardMarkdown } from '../render/markdownToHtml.ts';
import { buildApkg } from './apkg.ts';
import { deckTitle } from '../../storage/deckManagement.ts';

let sql: Promise<SqlJsStatic> | undefined;

function loadSql(): Promise<SqlJsStatic> {
  sql ??= initSqlJs({ locateFile: () => sqlWasmUrl });
  // A failed load (offline before the file was cached) may succeed later.
  sql.catch(() => (sql = undefined));
  return sql;
}

/** One deck as an .apkg file, with a file name made from its title. */
export async function exportDeckToAnki(
  db: RehearseDb,
  deckId: string,
  options: { now: number; includeProgress: boolean },
): Promise<{ blob: Blob; fileName: string; cards: number }> {
  const [data, SQL] = await Promise.all([readDeckForExport(db, deckId), loadSql()]);
  const bytes = await buildApkg(
    { deck: { id: data.deck.id, title: deckTitle(data.deck), description: data.deck.description }, cards: data.cards, states: data.states, logs: data.logs, media: data.media },
    { SQL, zip: (files) => zipSync(files), renderHtml: renderCardMarkdown },
    { ...options, settings: data.settings, timeZone: db.timeZone },
  );
  const name = deckTitle(data.deck).replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim() || data.deck.id;
  return { blob: new Blob([bytes as BlobPart], { type: 'application/octet-stream' }), fileName: `${name}.apkg`, cards: data.cards.length };
}

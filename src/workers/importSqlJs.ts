// SQLite (sql.js) for the import worker, to open Anki collections. Its WebAssembly is bundled by
// Vite and precached by the service worker (as for the Anki export), so it loads offline and
// never from elsewhere. Loaded with import() only when a file is an Anki package.
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

let sql: Promise<SqlJsStatic> | undefined;

/** sql.js, initialized once per worker. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sql ??= initSqlJs({ locateFile: () => sqlWasmUrl });
  // A failed load (offline before the file was cached) may succeed later.
  sql.catch(() => (sql = undefined));
  return sql;
}

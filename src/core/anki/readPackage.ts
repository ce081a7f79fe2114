// Reads an Anki package (.apkg deck or .colpkg collection) into plain data. Runs in Node and in a
// Web Worker alike: the zip is opened with fflate, zstd with fzstd, and the SQLite collection with
// the sql.js module the caller passes in (each side loads its WebAssembly its own way).
//
// Layouts, as Anki writes them (rslib/src/import_export/package/meta.rs):
// - current (2.1.50+, `meta` says version 3): `collection.anki21b` is zstd-compressed SQLite in
//   schema 18 (note types, fields, templates and decks in their own tables), `media` is a
//   zstd-compressed MediaEntries protobuf, media files are zstd-compressed; `collection.anki2`
//   beside it is a stub holding one note that asks to update Anki.
// - 2.1.28–2.1.49: `collection.anki21`, plain SQLite in schema 11 (note types and decks as JSON
//   in `col`), `media` is JSON `{"0": "name.jpg"}`.
// - before 2.1.28: only `collection.anki2`, the same schema 11.
import { strFromU8, unzipSync } from 'fflate';
import { AnkiPackageError } from './errors.ts';
import { protoFields, protoNumber, protoString } from './protobuf.ts';
import type {
  AnkiCard,
  AnkiDeck,
  AnkiFsrsState,
  AnkiLayout,
  AnkiMediaFile,
  AnkiNote,
  AnkiNotetype,
  AnkiPackage,
  AnkiRevlog,
  AnkiTemplate,
} from './types.ts';
import { zstdDecompress } from './zstd.ts';

/** The part of sql.js's API the reader uses (an initialized `initSqlJs()` module fits). */
export interface SqlModule {
  Database: new (data?: Uint8Array) => SqlDatabase;
}
export interface SqlDatabase {
  exec(sql: string): { columns: string[]; values: unknown[][] }[];
  run(sql: string): unknown;
  close(): void;
}

export interface AnkiReaderDeps {
  SQL: SqlModule;
}

const COLLECTION_FILES: readonly [string, AnkiLayout][] = [
  ['collection.anki21b', 'anki21b'],
  ['collection.anki21', 'anki21'],
  ['collection.anki2', 'anki2'],
];
/**
 * `meta` (PackageMetadata, proto/anki/import_export.proto: `Version version = 1`): 1 and 2 are the
 * legacy layouts, 3 the current one; Anki refuses anything else.
 */
const LATEST_VERSION = 3;
/** The first words (in English; Anki translates them) of the note in the stub `collection.anki2`. */
const STUB_TEXT = 'Please update to the latest Anki version';
const FIELD_SEPARATOR = '\x1f';

/**
 * Reads the package's collection and media list.
 * @throws AnkiPackageError with one sentence when the package cannot be used at all.
 */
export function readAnkiPackage(bytes: Uint8Array, fileName: string, deps: AnkiReaderDeps): AnkiPackage {
  const name = baseName(fileName);
  if (bytes.length === 0) throw new AnkiPackageError('empty', `${name} is empty.`);
  const entries = unzipPackage(bytes, name);
  const version = packageVersion(entries.files.meta);
  if (version !== undefined && version > LATEST_VERSION) {
    throw new AnkiPackageError(
      'too-new',
      `${name} was made by a newer Anki than Rehearse can read: export it again with “Support older Anki versions” ticked.`,
    );
  }
  const found = COLLECTION_FILES.find(([file]) => entries.files[file]);
  if (!found) throw new AnkiPackageError('no-collection', `${name} holds no Anki collection.`);
  const [collectionFile, layout] = found;
  const warnings: string[] = [];

  let sqlite = entries.files[collectionFile]!;
  if (layout === 'anki21b') sqlite = decompressOrFail(sqlite, name);
  const db = openCollection(sqlite, name, deps.SQL);
  try {
    const notes = readNotes(db);
    // A current package's collection.anki2 is always the stub; without `meta`, know it by its note.
    const stub = version === LATEST_VERSION || (notes.length === 1 && notes[0]!.fields[0]?.startsWith(STUB_TEXT));
    if (layout === 'anki2' && stub) {
      throw new AnkiPackageError(
        'no-collection',
        `${name} holds no Anki collection, only a note asking for a newer Anki.`,
      );
    }
    const current = hasTable(db, 'notetypes');
    const { decks, notetypes } = current ? readSchema18(db) : readSchema11(db);
    const media = readMediaList(entries, layout, name, warnings);
    const collectionCreated = num(rows(db, 'SELECT crt FROM col LIMIT 1')[0]?.[0]);
    const schedulerVersion = readSchedulerVersion(db, current);
    let cards = readCards(db);
    let revlog = readRevlog(db);
    if (schedulerVersion === 1) ({ cards, revlog } = upgradeFromV1(cards, revlog));
    return { layout, collectionCreated, schedulerVersion, decks, notetypes, notes, cards, revlog, media, warnings };
  } catch (error) {
    if (error instanceof AnkiPackageError) throw error;
    throw new AnkiPackageError('damaged', `${name} has a damaged collection: it could not be read.`);
  } finally {
    db.close();
  }
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

interface ZipEntries {
  /** Collection files and the media list, decompressed. */
  files: Record<string, Uint8Array>;
  /** Every entry's uncompressed size in the zip (media files are not decompressed). */
  sizes: Map<string, number>;
}

const WANTED = new Set(['collection.anki21b', 'collection.anki21', 'collection.anki2', 'media', 'meta']);

/** The package version `meta` declares, or undefined when there is none (or it cannot be read). */
function packageVersion(meta: Uint8Array | undefined): number | undefined {
  if (!meta) return undefined;
  try {
    return protoNumber(protoFields(meta), 1) || undefined;
  } catch {
    return undefined;
  }
}

function unzipPackage(bytes: Uint8Array, name: string): ZipEntries {
  const sizes = new Map<string, number>();
  try {
    const files = unzipSync(bytes, {
      filter(file) {
        sizes.set(file.name, file.originalSize);
        return WANTED.has(file.name);
      },
    });
    return { files, sizes };
  } catch {
    // A zip starts with a local file header; one that does but cannot be opened lost its end.
    const zipStart = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
    if (zipStart) {
      throw new AnkiPackageError('truncated', `${name} was cut short: it may not have finished downloading.`);
    }
    throw new AnkiPackageError('not-zip', `${name} is not a zip file: it may be damaged or not an Anki package.`);
  }
}

function decompressOrFail(bytes: Uint8Array, name: string): Uint8Array {
  try {
    return zstdDecompress(bytes);
  } catch {
    throw new AnkiPackageError('damaged', `${name} has a damaged collection: it could not be decompressed.`);
  }
}

function openCollection(bytes: Uint8Array, name: string, SQL: SqlModule): SqlDatabase {
  let db: SqlDatabase | undefined;
  try {
    db = new SQL.Database(bytes);
    dropUnicaseCollation(db);
    return db;
  } catch {
    db?.close();
    throw new AnkiPackageError('damaged', `${name} has a damaged collection: it is not a readable database.`);
  }
}

/**
 * Anki's schema 18 declares `COLLATE unicase` (a Rust collation) on names, which sql.js cannot
 * register (it has no create_collation), so any query that sorts or looks up by such a column
 * fails. Rewrite the declarations in the in-memory copy to the default collation: the reader only
 * reads, and the file on disk is untouched.
 */
function dropUnicaseCollation(db: SqlDatabase): void {
  const count = Number(db.exec("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%COLLATE unicase%'")[0]?.values[0]?.[0] ?? 0);
  if (count === 0) return;
  const version = Number(db.exec('PRAGMA schema_version')[0]?.values[0]?.[0] ?? 0);
  db.run('PRAGMA writable_schema = ON');
  db.run("UPDATE sqlite_master SET sql = replace(replace(sql, 'COLLATE unicase', ''), 'collate unicase', '') WHERE sql LIKE '%COLLATE unicase%'");
  // A new schema version makes SQLite reload the schema it has cached.
  db.run(`PRAGMA schema_version = ${version + 1}`);
  db.run('PRAGMA writable_schema = OFF');
}

function rows(db: SqlDatabase, sql: string): unknown[][] {
  return db.exec(sql)[0]?.values ?? [];
}

function hasTable(db: SqlDatabase, table: string): boolean {
  return rows(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${table}'`).length > 0;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

function readNotes(db: SqlDatabase): AnkiNote[] {
  return rows(db, 'SELECT id, guid, mid, flds, tags FROM notes ORDER BY id').map(([id, guid, mid, flds, tags]) => ({
    id: num(id),
    guid: text(guid),
    notetypeId: num(mid),
    fields: text(flds).split(FIELD_SEPARATOR),
    tags: text(tags).split(' ').filter(Boolean),
  }));
}

function readCards(db: SqlDatabase): AnkiCard[] {
  const sql = 'SELECT id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, left, data FROM cards ORDER BY id';
  return rows(db, sql).map(([id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, left, data]) => {
    const inFiltered = num(odid) !== 0;
    const fsrs = fsrsFromData(text(data));
    return {
      id: num(id),
      noteId: num(nid),
      deckId: inFiltered ? num(odid) : num(did),
      ord: num(ord),
      type: num(type),
      queue: num(queue),
      due: inFiltered && num(odue) !== 0 ? num(odue) : num(due),
      ivl: num(ivl),
      factor: num(factor),
      reps: num(reps),
      lapses: num(lapses),
      left: num(left),
      ...(fsrs ? { fsrs } : {}),
    };
  });
}

/** `cards.data` is JSON such as `{"s":12.3,"d":5.1,"dr":0.9,"decay":0.2,"lrt":1700000000}`. */
function fsrsFromData(data: string): AnkiFsrsState | undefined {
  if (!data.startsWith('{')) return undefined;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { s, d, dr, decay, lrt } = parsed;
  if (typeof s !== 'number' || typeof d !== 'number') return undefined;
  return {
    stability: s,
    difficulty: d,
    ...(typeof dr === 'number' ? { desiredRetention: dr } : {}),
    ...(typeof decay === 'number' ? { decay } : {}),
    ...(typeof lrt === 'number' ? { lastReview: lrt } : {}),
  };
}

function readRevlog(db: SqlDatabase): AnkiRevlog[] {
  const sql = 'SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id';
  return rows(db, sql).map(([id, cid, ease, ivl, lastIvl, factor, time, type]) => ({
    id: num(id),
    cardId: num(cid),
    ease: num(ease),
    ivl: num(ivl),
    lastIvl: num(lastIvl),
    factor: num(factor),
    timeMs: num(time),
    type: num(type),
  }));
}

/**
 * `schedVer`: in `col.conf` (schema 11) or the `config` table (schema 18); Anki reads its absence
 * as version 1 (rslib/src/config/mod.rs `scheduler_version`). The v3 scheduler is still 2.
 */
function readSchedulerVersion(db: SqlDatabase, current: boolean): 1 | 2 {
  let value: unknown;
  try {
    const raw = current
      ? rows(db, "SELECT CAST(val AS TEXT) FROM config WHERE key = 'schedVer'")[0]?.[0]
      : (JSON.parse(text(rows(db, 'SELECT conf FROM col LIMIT 1')[0]?.[0]) || '{}') as Record<string, unknown>).schedVer;
    value = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    value = undefined;
  }
  return Number(value) >= 2 ? 2 : 1;
}

/**
 * What Anki does when it opens a collection of its old scheduler (rslib/src/scheduler/upgrade.rs,
 * storage/revlog/v2_upgrade.sql): learning and relearning answers had three buttons, so their
 * 2 and 3 become 3 (Good) and 4 (Easy); a review card back in learning is relearning.
 */
function upgradeFromV1(cards: AnkiCard[], revlog: AnkiRevlog[]): { cards: AnkiCard[]; revlog: AnkiRevlog[] } {
  return {
    cards: cards.map((card) => (card.type === 2 && (card.queue === 1 || card.queue === 3) ? { ...card, type: 3 } : card)),
    revlog: revlog.map((row) => ((row.type === 0 || row.type === 2) && (row.ease === 2 || row.ease === 3) ? { ...row, ease: row.ease + 1 } : row)),
  };
}

interface LegacyModel {
  id?: number | string;
  name?: string;
  type?: number;
  flds?: { name?: string; ord?: number }[];
  tmpls?: { name?: string; ord?: number; qfmt?: string; afmt?: string }[];
}

/** Schema 11: note types and decks are JSON objects keyed by id in the one `col` row. */
function readSchema11(db: SqlDatabase): { decks: AnkiDeck[]; notetypes: AnkiNotetype[] } {
  const [models, decks] = rows(db, 'SELECT models, decks FROM col LIMIT 1')[0] ?? [];
  const modelMap = JSON.parse(text(models) || '{}') as Record<string, LegacyModel>;
  const deckMap = JSON.parse(text(decks) || '{}') as Record<string, { id?: number | string; name?: string }>;
  const notetypes = Object.entries(modelMap).map(([key, model]): AnkiNotetype => ({
    id: Number(model.id ?? key),
    name: model.name ?? '',
    kind: model.type === 1 ? 'cloze' : 'normal',
    fields: [...(model.flds ?? [])].sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0)).map((f) => f.name ?? ''),
    templates: (model.tmpls ?? []).map((t, index) => ({
      ord: t.ord ?? index,
      name: t.name ?? '',
      qfmt: t.qfmt ?? '',
      afmt: t.afmt ?? '',
    })),
  }));
  const deckList = Object.entries(deckMap)
    .map(([key, deck]) => ({ id: Number(deck.id ?? key), name: deck.name ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { decks: deckList, notetypes: notetypes.sort((a, b) => a.id - b.id) };
}

/**
 * Schema 18: tables `notetypes` (config: Notetype.Config, kind = field 1), `fields`, `templates`
 * (config: Notetype.Template.Config, q_format = 1, a_format = 2) and `decks`, whose names join
 * their parts with \x1f (proto/anki/notetypes.proto).
 */
function readSchema18(db: SqlDatabase): { decks: AnkiDeck[]; notetypes: AnkiNotetype[] } {
  const fields = new Map<number, string[]>();
  for (const [ntid, , name] of rows(db, 'SELECT ntid, ord, name FROM fields ORDER BY ntid, ord')) {
    const list = fields.get(num(ntid)) ?? [];
    list.push(text(name));
    fields.set(num(ntid), list);
  }
  const templates = new Map<number, AnkiTemplate[]>();
  for (const [ntid, ord, name, config] of rows(db, 'SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord')) {
    const parsed = protoFields(config instanceof Uint8Array ? config : new Uint8Array());
    const list = templates.get(num(ntid)) ?? [];
    list.push({ ord: num(ord), name: text(name), qfmt: protoString(parsed, 1), afmt: protoString(parsed, 2) });
    templates.set(num(ntid), list);
  }
  const notetypes = rows(db, 'SELECT id, name, config FROM notetypes ORDER BY id').map(([id, name, config]): AnkiNotetype => {
    const parsed = protoFields(config instanceof Uint8Array ? config : new Uint8Array());
    return {
      id: num(id),
      name: text(name),
      kind: protoNumber(parsed, 1) === 1 ? 'cloze' : 'normal',
      fields: fields.get(num(id)) ?? [],
      templates: templates.get(num(id)) ?? [],
    };
  });
  const decks = rows(db, 'SELECT id, name FROM decks ORDER BY name').map(([id, name]) => ({
    id: num(id),
    name: text(name).split(FIELD_SEPARATOR).join('::'),
  }));
  return { decks, notetypes };
}

/**
 * The media list: JSON `{"0": "photo.jpg"}` in older packages; in current ones a zstd-compressed
 * MediaEntries message (proto/anki/import_export.proto: `repeated MediaEntry entries = 1`, with
 * MediaEntry `string name = 1; uint32 size = 2; bytes sha1 = 3; optional uint32
 * legacy_zip_filename = 255`), whose n-th entry is the zip entry named "n".
 */
function readMediaList(entries: ZipEntries, layout: AnkiLayout, name: string, warnings: string[]): AnkiMediaFile[] {
  const list = entries.files.media;
  if (!list || list.length === 0) return [];
  const media: AnkiMediaFile[] = [];
  try {
    if (layout === 'anki21b') {
      const message = protoFields(zstdDecompress(list));
      let index = 0;
      for (const field of message) {
        if (field.field !== 1 || !(field.value instanceof Uint8Array)) continue;
        const entry = protoFields(field.value);
        const legacyName = entry.find((f) => f.field === 255);
        const zipName = String(legacyName ? protoNumber(entry, 255) : index);
        media.push({ name: protoString(entry, 1), size: protoNumber(entry, 2), zipName });
        index++;
      }
    } else {
      const map = JSON.parse(strFromU8(list)) as Record<string, string>;
      for (const [zipName, fileName] of Object.entries(map)) {
        media.push({ name: fileName, size: entries.sizes.get(zipName) ?? 0, zipName });
      }
    }
  } catch {
    warnings.push(`The media list of ${name} could not be read, so its images and sounds are left out.`);
    return [];
  }
  // Anki refuses names that would leave the media folder (safe_normalized_file_name in media.rs).
  const safe = media.filter((file) => file.name !== '' && !/[\\/]/.test(file.name) && file.name !== '.' && file.name !== '..');
  if (safe.length < media.length) {
    const unsafe = media.length - safe.length;
    warnings.push(`${unsafe} media ${unsafe === 1 ? 'file has a name' : 'files have names'} that could point outside the media folder; ${unsafe === 1 ? 'it was' : 'they were'} left out.`);
  }
  const present = safe.filter((file) => entries.sizes.has(file.zipName));
  const missing = safe.length - present.length;
  if (missing > 0) {
    warnings.push(`${missing} media ${missing === 1 ? 'file listed in the package is' : 'files listed in the package are'} missing from it.`);
  }
  return present;
}

// The import worker's work, as a plain async function (tested in Node): check the file before
// reading it, read it in chunks reporting the bytes read, then run the converter, cut where the
// request says ("Cut cards at"; auto by default) — or, for an Anki package, its reader.
import { AnkiPackageError } from '../core/anki/errors.ts';
import type { SqlModule } from '../core/anki/readPackage.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import { checkNoteFile, importNoteInStages, noteLayouts, NOTE_HEAD_BYTES } from '../core/deck/importNote.ts';
import { NoteFormatError } from '../core/errors.ts';
import type { AnkiImportResult, ImportCut, ImportPhase, ImportRequest, ImportResponse, ImportResult } from './importProtocol.ts';

/** At most this often (ms) a progress message is posted while reading. */
const PROGRESS_INTERVAL_MS = 50;

/**
 * Anki packages over this size are refused before they are read: the worker holds the file, its
 * unpacked collection and SQLite's copy of it at once, which a phone cannot for much more.
 */
export const MAX_ANKI_PACKAGE_BYTES = 256 * 1024 * 1024;
const ANKI_NAME = /\.(apkg|colpkg)$/i;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

type Post = (message: ImportResponse) => void;

export interface ImportHandlerOptions {
  /** Milliseconds, for progress pacing and `parseMs`. */
  now?: () => number;
  /** sql.js, initialized (the worker loads its WebAssembly from the app's own files; Node from node_modules). */
  loadSql?: () => Promise<SqlModule>;
}

/**
 * Runs one request; posts progress, then exactly one `done` with the cards, and — when other
 * ways of cutting were not counted yet — one `choices` after it with every choice counted, so
 * the preview shows the cards without waiting for the counts. Never throws.
 */
export async function handleImportRequest(request: ImportRequest, post: Post, options: ImportHandlerOptions = {}): Promise<void> {
  const { now = () => performance.now(), loadSql } = options;
  const { id, source, cutAt, settings } = request;
  const name = source.kind === 'file' ? source.file.name : source.name;
  const progress = (phase: ImportPhase, loaded = 0, total = 1) => post({ id, type: 'progress', phase, loaded, total });
  let result: ImportResult | undefined;
  let rest: (() => ImportCut) | undefined;
  try {
    let bytes: Uint8Array | undefined;
    if (source.kind === 'file') {
      const { file } = source;
      progress('checking', 0, file.size);
      const head = new Uint8Array(await file.slice(0, NOTE_HEAD_BYTES).arrayBuffer());
      const ankiName = ANKI_NAME.test(file.name);
      if (ankiName || ZIP_MAGIC.every((byte, i) => head[i] === byte)) result = await readAnkiFile(file, ankiName, { loadSql, settings }, progress, now);
      if (!result) {
        const refusal = checkNoteFile({ name: file.name, type: file.type, size: file.size }, head);
        if (refusal) throw refusal;
        bytes = await readWithProgress(file, (loaded) => progress('reading', loaded, file.size), now);
      }
    }
    if (!result) ({ result, rest } = readNote(name, bytes ? { bytes } : { text: source.kind === 'text' ? source.text : '' }, cutAt, progress, now));
  } catch (error) {
    if (error instanceof AnkiPackageError) {
      result = { ok: false, name, code: error.code, message: error.message };
    } else if (error instanceof Error && error.name === 'AnkiMediaTooLarge') {
      result = { ok: false, name, code: 'media-too-large', message: error.message };
    } else if (error instanceof NoteFormatError) {
      result = { ok: false, name, code: error.code, message: error.message, ...(error.code === 'no-cards' ? { layouts: noteLayouts() } : {}) };
    } else {
      result = { ok: false, name, code: 'failed', message: `${name} could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  post({ id, type: 'done', result });
  if (!rest) return;
  try {
    post({ id, type: 'choices', cut: rest() });
  } catch (error) {
    // The cards are shown already; without the counts the preview keeps the one choice it has.
    post({ id, type: 'choices', cut: undefined, message: `The other ways of cutting ${name} could not be counted: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** A note's cards, cut where asked; `rest` counts the other ways of cutting, when still to do. */
function readNote(
  name: string,
  content: { bytes: Uint8Array } | { text: string },
  cutAt: string | undefined,
  progress: (phase: ImportPhase) => void,
  now: () => number,
): { result: ImportResult; rest: (() => ImportCut) | undefined } {
  progress('parsing');
  const started = now();
  const input = { fileName: name, ...content };
  let staged = importNoteInStages(input, cutAt ? { cutAt } : {});
  let fellBack: string | undefined;
  if (cutAt && cutAt !== 'auto' && !staged.first.cut.choices.some((choice) => choice.id === cutAt)) {
    // The choice asked for finds no cards in this text (a choice remembered from an older
    // version of the note): cut automatically rather than show an empty deck.
    fellBack = cutAt;
    staged = importNoteInStages(input);
  }
  const imported = staged.first;
  return {
    result: {
      ok: true,
      kind: 'note',
      name,
      deck: imported.deck,
      layout: imported.layout,
      cut: imported.cut,
      ...(fellBack ? { cutFellBackFrom: fellBack } : {}),
      parseMs: now() - started,
    },
    rest: imported.cut.pending ? staged.rest : undefined,
  };
}

/**
 * An Anki package read into its decks; undefined when the file only starts like a zip and holds
 * no Anki collection (it is then refused as a note would be).
 * @throws AnkiPackageError (or NoteFormatError for the size) with one sentence.
 */
async function readAnkiFile(
  file: File,
  ankiName: boolean,
  { loadSql, settings }: { loadSql: (() => Promise<SqlModule>) | undefined; settings: SchedulerSettings | undefined },
  progress: (phase: ImportPhase, loaded?: number, total?: number) => void,
  now: () => number,
): Promise<AnkiImportResult | undefined> {
  if (file.size > MAX_ANKI_PACKAGE_BYTES) {
    throw new NoteFormatError(
      'too-large',
      `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; Anki packages over ${MAX_ANKI_PACKAGE_BYTES / 1048576} MB are not read (export it from Anki without media to bring its cards and history).`,
    );
  }
  // Loaded while the file is read: the reader, and SQLite's WebAssembly.
  const anki = import('./importAnki.ts');
  const sql = ankiName ? loadSql?.() : undefined;
  sql?.catch(() => undefined);
  const bytes = await readWithProgress(file, (loaded) => progress('reading', loaded, file.size), now);
  const { readAnkiImport, zipHoldsAnkiCollection } = await anki;
  if (!ankiName && !zipHoldsAnkiCollection(bytes)) return undefined;
  if (!loadSql) throw new Error('SQLite is not available here, so Anki packages cannot be read.');
  const SQL = await (sql ?? loadSql());
  return readAnkiImport(bytes, file.name, { SQL, settings }, (phase) => progress(phase), now);
}

/** The whole file, read chunk by chunk into one buffer, reporting bytes read. */
async function readWithProgress(file: Blob, onProgress: (loaded: number) => void, now: () => number): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let loaded = 0;
  let lastReport = -Infinity;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // The file grew while being read: keep what fits (the size was checked before).
    const chunk = value.subarray(0, Math.max(0, bytes.length - loaded));
    bytes.set(chunk, loaded);
    loaded += chunk.length;
    if (now() - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = now();
      onProgress(loaded);
    }
  }
  onProgress(loaded);
  return loaded === bytes.length ? bytes : bytes.subarray(0, loaded);
}

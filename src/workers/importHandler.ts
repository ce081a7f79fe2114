// The import worker's work, as a plain async function (tested in Node): check the file before
// reading it, read it in chunks reporting the bytes read, then run the converter, cut where the
// request says ("Cut cards at"; auto by default).
import { checkNoteFile, importNoteInStages, noteLayouts, NOTE_HEAD_BYTES } from '../core/deck/importNote.ts';
import { NoteFormatError } from '../core/errors.ts';
import type { ImportCut, ImportPhase, ImportRequest, ImportResponse, ImportResult } from './importProtocol.ts';

/** At most this often (ms) a progress message is posted while reading. */
const PROGRESS_INTERVAL_MS = 50;

type Post = (message: ImportResponse) => void;

/**
 * Runs one request; posts progress, then exactly one `done` with the cards, and — when other
 * ways of cutting were not counted yet — one `choices` after it with every choice counted, so
 * the preview shows the cards without waiting for the counts. Never throws.
 */
export async function handleImportRequest(request: ImportRequest, post: Post, now: () => number = () => performance.now()): Promise<void> {
  const { id, source, cutAt } = request;
  const name = source.kind === 'file' ? source.file.name : source.name;
  const progress = (phase: ImportPhase, loaded: number, total: number) => post({ id, type: 'progress', phase, loaded, total });
  let result: ImportResult;
  let rest: (() => ImportCut) | undefined;
  try {
    let bytes: Uint8Array | undefined;
    if (source.kind === 'file') {
      const { file } = source;
      progress('checking', 0, file.size);
      const head = new Uint8Array(await file.slice(0, NOTE_HEAD_BYTES).arrayBuffer());
      const refusal = checkNoteFile({ name: file.name, type: file.type, size: file.size }, head);
      if (refusal) throw refusal;
      bytes = await readWithProgress(file, (loaded) => progress('reading', loaded, file.size), now);
    }
    progress('parsing', 0, 1);
    const started = now();
    const input = bytes ? { fileName: name, bytes } : { fileName: name, text: source.kind === 'text' ? source.text : '' };
    let staged = importNoteInStages(input, cutAt ? { cutAt } : {});
    let fellBack: string | undefined;
    if (cutAt && cutAt !== 'auto' && !staged.first.cut.choices.some((choice) => choice.id === cutAt)) {
      // The choice asked for finds no cards in this text (a choice remembered from an older
      // version of the note): cut automatically rather than show an empty deck.
      fellBack = cutAt;
      staged = importNoteInStages(input);
    }
    const imported = staged.first;
    rest = imported.cut.pending ? staged.rest : undefined;
    result = {
      ok: true,
      name,
      deck: imported.deck,
      layout: imported.layout,
      cut: imported.cut,
      ...(fellBack ? { cutFellBackFrom: fellBack } : {}),
      parseMs: now() - started,
    };
  } catch (error) {
    if (error instanceof NoteFormatError) {
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

// Settings → "Backup & restore": download everything as one file, restore it (replace or
// merge, after a confirmation with counts), and export one deck for Anki.
import { useEffect, useId, useRef, useState } from 'react';
import {
  BackupError,
  deviceSummary,
  lastBackupAt as readLastBackupAt,
  readBackup,
  restoreBackup,
  summarizeBackup,
  unresolvedReference,
  type Backup,
  type RestoreMode,
  type RestoreReport,
} from '../../storage/backup.ts';
import { listDecks, type RehearseDb, type StoredDeck } from '../../storage/index.ts';
import { countsText, dateText, downloadBackup, downloadBlob, handedOverText } from './download.ts';
import './backup.css';

interface Props {
  db: RehearseDb;
  onError(error: unknown): void;
}

/** Survives the reload after a restore, so the result is still said. */
const FLASH_KEY = 'rehearse-backup-message';

interface Pending {
  fileName: string;
  backup: Backup;
  here: { decks: number; cards: number; reviews: number };
}

export function BackupSection({ db, onError }: Props) {
  const [lastBackupAt, setLastBackupAt] = useState<number | undefined>();
  const [status, setStatus] = useState<string>(takeFlash);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [mode, setMode] = useState<RestoreMode>('merge');
  const fileInput = useRef<HTMLInputElement>(null);
  const fileId = useId();

  useEffect(() => {
    readLastBackupAt(db).then(setLastBackupAt, onError);
  }, [db, onError]);

  const download = async () => {
    setBusy(true);
    setProblem('');
    try {
      const now = Date.now();
      const counts = await deviceSummary(db);
      const fileName = await downloadBackup(db, now);
      setLastBackupAt(now);
      setStatus(handedOverText(fileName, counts));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setProblem('');
    setStatus('');
    try {
      const backup = readBackup(await file.text());
      const unresolved = await unresolvedReference(db, backup);
      if (unresolved) throw unresolved;
      const here = await deviceSummary(db);
      setPending({ fileName: file.name, backup, here });
      // An empty device has nothing to merge with.
      setMode(here.reviews === 0 && here.decks === 0 ? 'replace' : 'merge');
    } catch (error) {
      if (error instanceof BackupError) setProblem(`${file.name}: ${error.message} Nothing was changed.`);
      else onError(error);
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const restore = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const report = await restoreBackup(db, pending.backup, { mode });
      const message =
        report.mode === 'replace'
          ? `Restored ${countsText(summarizeBackup(pending.backup))} from ${pending.fileName}.`
          : mergeText(pending.fileName, report);
      sessionStorage.setItem(FLASH_KEY, message);
      // Every screen re-reads from scratch, and bundled decks newer than the backup sync again.
      location.reload();
    } catch (error) {
      setBusy(false);
      if (error instanceof BackupError) setProblem(`${error.message} Nothing was changed.`);
      else onError(error);
    }
  };

  const summary = pending ? summarizeBackup(pending.backup) : null;

  return (
    <fieldset className="backup">
      <legend>Backup &amp; restore</legend>
      <p className="muted">
        Your cards, progress and review history live only in this browser. A backup is one file with all of it: keep it
        somewhere safe, or restore it on another device.
      </p>
      <p data-testid="last-backup">
        {lastBackupAt === undefined ? 'No backup made on this device yet.' : `Last backup: ${dateText(lastBackupAt)}.`}
      </p>
      <div className="backup-actions">
        <button type="button" className="primary" onClick={download} disabled={busy}>
          Download backup
        </button>
        <label htmlFor={fileId} className="button-like">
          Restore from backup…
        </label>
        <input
          id={fileId}
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {status && (
        <p className="backup-status" role="status">
          {status}
        </p>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {pending && summary && (
        <div className="restore-confirm" role="group" aria-label="Restore backup">
          <p>
            <strong>{pending.fileName}</strong> was made on {dateText(Date.parse(summary.exportedAt))} and holds {countsText(summary)}.
            This device has {countsText(pending.here)}.
          </p>
          <div className="field checkbox">
            <label>
              <input type="radio" name="restore-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} />
              <span>
                <strong>Merge</strong>: keep what is here and add the backup’s decks, cards and reviews. A review already here is
                not added twice; where both have a card, its most recently reviewed progress wins.
              </span>
            </label>
          </div>
          <div className="field checkbox">
            <label>
              <input type="radio" name="restore-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} />
              <span>
                <strong>Replace</strong>: delete everything on this device ({countsText(pending.here)}) and put the backup in its
                place.
              </span>
            </label>
          </div>
          <div className="backup-actions">
            <button type="button" className="primary" onClick={restore} disabled={busy}>
              {mode === 'replace' ? 'Replace everything with this backup' : 'Merge this backup'}
            </button>
            <button type="button" onClick={() => setPending(null)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <AnkiExport db={db} onError={onError} />
    </fieldset>
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** What a merge did, in one or two sentences. */
function mergeText(fileName: string, r: RestoreReport): string {
  if (r.decksAdded + r.cardsAdded + r.reviewsAdded + r.statesTaken === 0) {
    return `Merged ${fileName}: everything in it was already here, nothing changed.`;
  }
  const progress = r.statesTaken ? ` ${plural(r.statesTaken, 'card takes', 'cards take')} the backup’s more recent progress.` : '';
  return `Merged ${fileName}: ${plural(r.decksAdded, 'new deck', 'new decks')}, ${plural(r.cardsAdded, 'new card', 'new cards')} and ${plural(r.reviewsAdded, 'new review', 'new reviews')} (${plural(r.reviewsAlreadyHere, 'review was', 'reviews were')} already here).${progress}`;
}

function takeFlash(): string {
  try {
    const message = sessionStorage.getItem(FLASH_KEY) ?? '';
    sessionStorage.removeItem(FLASH_KEY);
    return message;
  } catch {
    return '';
  }
}

/** One deck as an .apkg for Anki; the exporter (sql.js, zip writer) loads only on click. */
function AnkiExport({ db, onError }: Props) {
  const [decks, setDecks] = useState<StoredDeck[]>([]);
  const [deckId, setDeckId] = useState('');
  const [progress, setProgress] = useState(true);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const selectId = useId();

  useEffect(() => {
    listDecks(db).then((list) => {
      setDecks(list);
      setDeckId((current) => current || list[0]?.id || '');
    }, onError);
  }, [db, onError]);

  if (decks.length === 0) return null;

  const exportDeck = async () => {
    setBusy(true);
    setStatus('Preparing the Anki package…');
    try {
      const { exportDeckToAnki } = await import('../anki/exportDeckToAnki.ts');
      const { blob, fileName, cards } = await exportDeckToAnki(db, deckId, { now: Date.now(), includeProgress: progress });
      downloadBlob(blob, fileName);
      setStatus(`Downloaded ${fileName} (${cards.toLocaleString('en')} ${cards === 1 ? 'card' : 'cards'}). In Anki: File → Import.`);
    } catch (error) {
      setStatus('');
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="anki-export">
      <h3>Export a deck to Anki</h3>
      <div className="field">
        <label htmlFor={selectId}>Deck</label>
        <select id={selectId} value={deckId} onChange={(e) => setDeckId(e.target.value)}>
          {decks.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={progress} onChange={(e) => setProgress(e.target.checked)} />
          Include my progress (due dates and review history); otherwise every card starts as new in Anki
        </label>
      </div>
      <button type="button" onClick={exportDeck} disabled={busy || !deckId}>
        Download .apkg
      </button>
      {status && (
        <p className="backup-status" role="status">
          {status}
        </p>
      )}
    </div>
  );
}

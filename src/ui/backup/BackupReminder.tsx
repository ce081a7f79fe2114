// The deck list's reminder: shown when reviews since the last backup are over 30 days old
// (see `backupReminder`); "Not now" hides it for a week.
import { useEffect, useState } from 'react';
import { backupReminder, dismissBackupReminder } from '../../storage/backupReminder.ts';
import type { RehearseDb } from '../../storage/index.ts';
import { dateText, handedOverText } from './backupText.ts';
import './backup.css';

export function BackupReminder({ db, onError }: { db: RehearseDb; onError(error: unknown): void }) {
  const [state, setState] = useState<{ lastBackupAt: number | undefined } | null>(null);
  const [done, setDone] = useState('');

  useEffect(() => {
    let cancelled = false;
    backupReminder(db, Date.now()).then((r) => {
      if (!cancelled && r.remind) setState({ lastBackupAt: r.lastBackupAt });
    }, onError);
    return () => {
      cancelled = true;
    };
  }, [db, onError]);

  if (done) {
    return (
      <p className="notice backup-reminder" role="status">
        {done}
      </p>
    );
  }
  if (!state) return null;

  const backUp = async () => {
    try {
      // The backup code loads when it is asked for: the deck list opens without it.
      const { downloadBackup } = await import('./download.ts');
      setDone(handedOverText(await downloadBackup(db, Date.now())));
    } catch (error) {
      onError(error);
    }
  };
  const dismiss = () => {
    setState(null);
    dismissBackupReminder(db, Date.now()).catch(onError);
  };

  return (
    <div className="notice backup-reminder" role="status">
      <p>
        {state.lastBackupAt === undefined
          ? 'You have never backed up your progress: your cards and reviews exist only in this browser.'
          : `Your last backup was on ${dateText(state.lastBackupAt)}: the reviews since then exist only in this browser.`}
      </p>
      <div className="backup-actions">
        <button type="button" className="primary" onClick={backUp}>
          Download backup
        </button>
        <button type="button" className="link" onClick={dismiss}>
          Not now
        </button>
      </div>
    </div>
  );
}

// Settings: the scheduler's options (saved as they change) and the state of the device's storage.
import { lazy, Suspense, useEffect, useId, useState, type ReactNode } from 'react';
import { DEFAULT_SCHEDULER_SETTINGS, normalizeSettings, type SchedulerSettings } from '../../core/scheduling/settings.ts';
import { InstallSection } from '../../pwa/index.ts';
import { loadSettings, saveSettings, type RehearseDb } from '../../storage/index.ts';
import { BackupSection } from '../backup/BackupSection.tsx';
import { storageStatus, type StorageStatus } from '../persistence.ts';
import { SyncSettings } from './sync/SyncSettings.tsx';
import './settings.css';

// The optimizer and its WebAssembly load only when Settings opens, never with the first screen.
const FsrsParametersSection = lazy(() => import('../optimizer/FsrsParametersSection.tsx'));

interface Props {
  db: RehearseDb;
  onError(error: unknown): void;
}

const STEP_LIST = /^\s*(\d+(?:\.\d+)?[mhd](\s+|\s*,\s*))*\d+(?:\.\d+)?[mhd]\s*$/;

function parseSteps(text: string): string[] | null {
  if (text.trim() === '') return [];
  return STEP_LIST.test(text) ? text.trim().split(/[\s,]+/) : null;
}

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function SettingsScreen({ db, onError }: Props) {
  const [settings, setSettings] = useState<SchedulerSettings | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [storage, setStorage] = useState<StorageStatus | null>(null);

  useEffect(() => {
    loadSettings(db).then(setSettings, onError);
    storageStatus().then(setStorage, () => setStorage(null));
  }, [db, onError]);

  if (!settings) return <main className="screen" aria-busy="true"><p className="muted">Loading settings…</p></main>;

  const update = (changes: Partial<SchedulerSettings>) => {
    const next = normalizeSettings({ ...settings, ...changes });
    setSettings(next);
    saveSettings(db, changes).then(
      (stored) => {
        setSettings(stored);
        setSaved('Saved.');
      },
      onError,
    );
  };

  return (
    <main className="screen settings">
      <h2>Settings</h2>
      <p className="muted" role="status" aria-live="polite">{saved}</p>

      <fieldset>
        <legend>Scheduling (FSRS)</legend>
        <Field label="Desired retention" hint="How likely you want to be to remember a card when it comes back. Higher means more reviews.">
          {(id) => (
            <div className="range-row">
              <input id={id} type="range" min={0.7} max={0.99} step={0.01} value={settings.desiredRetention}
                onChange={(e) => update({ desiredRetention: Number(e.target.value) })} />
              <output htmlFor={id}>{Math.round(settings.desiredRetention * 100)}%</output>
            </div>
          )}
        </Field>
        <Field label="New cards per day, each deck" hint="Like Anki’s New cards/day: how many new cards one deck introduces in a day.">
          {(id) => <NumberInput id={id} min={0} max={9999} value={settings.newCardsPerDay} onCommit={(v) => update({ newCardsPerDay: v })} />}
        </Field>
        <Field label="New cards per day, all decks together" hint="Never more new cards than this in a day, whether you study All decks, one deck, or both.">
          {(id) => <NumberInput id={id} min={0} max={9999} value={settings.newCardsPerDayAllDecks} onCommit={(v) => update({ newCardsPerDayAllDecks: v })} />}
        </Field>
        <Field label="Maximum reviews per day, each deck">
          {(id) => <NumberInput id={id} min={0} max={99999} value={settings.maxReviewsPerDay} onCommit={(v) => update({ maxReviewsPerDay: v })} />}
        </Field>
        <Field label="Maximum reviews per day, all decks together">
          {(id) => <NumberInput id={id} min={0} max={99999} value={settings.maxReviewsPerDayAllDecks} onCommit={(v) => update({ maxReviewsPerDayAllDecks: v })} />}
        </Field>
        <Field label="New cards from several decks" hint="How All decks gathers new cards (Anki’s gather order): Deck takes one deck after another, in the deck list’s order; Random mixes the decks, each deck’s cards still in their order.">
          {(id) => (
            <select id={id} value={settings.newCardGatherOrder}
              onChange={(e) => update({ newCardGatherOrder: e.target.value === 'random' ? 'random' : 'deck' })}>
              <option value="deck">Deck — one deck after another</option>
              <option value="random">Random — the decks mixed</option>
            </select>
          )}
        </Field>
        <Field label="Learning steps" hint="Short steps for new cards, e.g. 1m 10m.">
          {(id) => <StepsInput id={id} value={settings.learningSteps} onCommit={(v) => update({ learningSteps: v as SchedulerSettings['learningSteps'] })} />}
        </Field>
        <Field label="Relearning steps" hint="Steps after you forget a card, e.g. 10m.">
          {(id) => <StepsInput id={id} value={settings.relearningSteps} onCommit={(v) => update({ relearningSteps: v as SchedulerSettings['relearningSteps'] })} />}
        </Field>
        <Field label="Maximum interval (days)">
          {(id) => <NumberInput id={id} min={1} max={36500} value={settings.maximumInterval} onCommit={(v) => update({ maximumInterval: v })} />}
        </Field>
        <Field label="Next day starts at (hour)" hint="Reviews after midnight count for the previous day until this hour.">
          {(id) => <NumberInput id={id} min={0} max={23} value={settings.dayStartHour} onCommit={(v) => update({ dayStartHour: v })} />}
        </Field>
        <div className="field checkbox">
          <label>
            <input type="checkbox" checked={settings.enableFuzz} onChange={(e) => update({ enableFuzz: e.target.checked })} />
            Spread intervals a little (fuzz), so cards learned together do not always come back together
          </label>
        </div>
        <button type="button" onClick={() => update({ ...DEFAULT_SCHEDULER_SETTINGS })}>
          Restore defaults
        </button>
      </fieldset>

      <Suspense fallback={null}>
        <FsrsParametersSection db={db} onError={onError} onSaved={() => loadSettings(db).then(setSettings, onError)} />
      </Suspense>

      <fieldset>
        <legend>Storage on this device</legend>
        {storage ? (
          <dl className="storage-facts">
            <dt>Persistent storage</dt>
            <dd data-testid="persisted">
              {storage.persisted === undefined
                ? 'Not supported by this browser'
                : storage.persisted
                  ? 'Granted: the browser will not clear your cards to free space'
                  : 'Not granted yet (asked at your first review); the browser may clear data under storage pressure, so keep a backup'}
            </dd>
            <dt>Used</dt>
            <dd>{formatBytes(storage.usage)}</dd>
            <dt>Available</dt>
            <dd>{storage.quota !== undefined && storage.usage !== undefined ? formatBytes(storage.quota - storage.usage) : 'unknown'}</dd>
          </dl>
        ) : (
          <p className="muted">The browser does not report its storage.</p>
        )}
      </fieldset>

      <SyncSettings db={db} onError={onError} />

      <BackupSection db={db} onError={onError} />

      <InstallSection />
    </main>
  );
}

function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="muted hint" id={hintId}>{hint}</p>}
    </div>
  );
}

/** A number field that saves when it loses focus or on Enter, and reverts what is not a number. */
function NumberInput({ id, value, min, max, onCommit }: { id: string; value: number; min: number; max: number; onCommit(v: number): void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) setText(String(value));
    else if (n !== value) onCommit(Math.min(max, Math.max(min, Math.round(n))));
  };
  return (
    <input id={id} type="number" inputMode="numeric" min={min} max={max} value={text}
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()} />
  );
}

function StepsInput({ id, value, onCommit }: { id: string; value: readonly string[]; onCommit(v: string[]): void }) {
  const [text, setText] = useState(value.join(' '));
  const [error, setError] = useState('');
  useEffect(() => setText(value.join(' ')), [value]);
  const commit = () => {
    const steps = parseSteps(text);
    if (!steps) {
      setError('Write steps like 1m 10m 1h (m minutes, h hours, d days).');
      return;
    }
    setError('');
    if (steps.join(' ') !== value.join(' ')) onCommit(steps);
  };
  return (
    <>
      <input id={id} type="text" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()} aria-invalid={error ? true : undefined} spellCheck={false} />
      {error && <p className="field-error" role="alert">{error}</p>}
    </>
  );
}

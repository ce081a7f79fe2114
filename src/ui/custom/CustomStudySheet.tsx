// "Custom study" on the deck list: a small sheet under a deck (or all decks) to pick the kind of
// session and its number, whether its grades count, and start it. It says how many cards the
// session holds before it starts; the session itself is the `#/custom/<spec>` route.
import { useEffect, useId, useState } from 'react';
import {
  formatCustomSpec,
  MAX_AHEAD_DAYS,
  MAX_EXTRA_NEW,
  reschedulesByDefault,
  type CramOrder,
  type CustomKind,
  type CustomSpec,
} from '../../core/study/customSession.ts';
import type { RehearseDb } from '../../storage/index.ts';
import { customStudyCount } from '../../storage/customStudy.ts';
import './custom.css';

type SheetKind = Exclude<CustomKind, 'search'>;

interface Props {
  db: RehearseDb;
  deckId: string;
  deckName: string;
  onClose(): void;
  onError(error: unknown): void;
}

/** A whole number within bounds, or null when the field does not hold one. */
function boundedNumber(text: string, max: number): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

export default function CustomStudySheet({ db, deckId, deckName, onClose, onError }: Props) {
  const [kind, setKind] = useState<SheetKind>('cram');
  const [days, setDays] = useState('1');
  const [count, setCount] = useState('10');
  const [order, setOrder] = useState<CramOrder>('deck');
  const [reschedule, setReschedule] = useState<boolean | null>(null);
  const [cards, setCards] = useState<number | null>(null);
  // Chosen once: a reload of the session shows the same random order.
  const [seed] = useState(() => Math.floor(Math.random() * 2 ** 31));
  const id = useId();

  const dayCount = boundedNumber(days, MAX_AHEAD_DAYS);
  const newCount = boundedNumber(count, MAX_EXTRA_NEW);
  const problem =
    kind === 'ahead' && dayCount === null
      ? `Days ahead: a whole number from 1 to ${MAX_AHEAD_DAYS}.`
      : kind === 'new' && newCount === null
        ? `New cards: a whole number from 1 to ${MAX_EXTRA_NEW}.`
        : null;
  const spec: CustomSpec | null = problem
    ? null
    : {
        kind,
        deckId,
        reschedule: reschedule ?? reschedulesByDefault(kind),
        ...(kind === 'ahead' ? { days: dayCount! } : {}),
        ...(kind === 'new' ? { count: newCount! } : {}),
        ...(kind === 'cram' ? { order, ...(order === 'random' ? { seed } : {}) } : {}),
      };
  const specKey = spec ? formatCustomSpec({ ...spec, seed: 0 }) : '';

  useEffect(() => {
    if (!specKey) return;
    let cancelled = false;
    setCards(null);
    customStudyCount(db, { ...spec!, seed: 0 }, Date.now())
      .then((n) => !cancelled && setCards(n))
      .catch(onError);
    return () => {
      cancelled = true;
    };
    // specKey stands for spec (the seed aside, which changes no count).
  }, [db, specKey, onError]);

  const start = () => {
    if (spec) location.hash = `#/custom/${formatCustomSpec(spec)}`;
  };
  const choose = (next: SheetKind) => {
    setKind(next);
    setReschedule(null); // each kind starts from its own default
  };
  const option = (value: SheetKind, label: string) => (
    <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => choose(value)} aria-label={label} />
  );

  return (
    <form
      className="custom-sheet"
      aria-label={`Custom study: ${deckName}`}
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
    >
      <fieldset>
        <legend>Custom study · {deckName}</legend>
        <label className="custom-kind">
          {option('cram', 'Cram')}
          <span className="custom-kind-body">
            <span>Cram every card once,</span>
            <select value={order} onChange={(e) => setOrder(e.target.value as CramOrder)} aria-label="Cram order" disabled={kind !== 'cram'}>
              <option value="deck">in deck order</option>
              <option value="random">in random order</option>
              <option value="hardest">hardest first</option>
            </select>
          </span>
        </label>
        <label className="custom-kind">
          {option('ahead', 'Review ahead')}
          <span className="custom-kind-body">
            <span>Review ahead: cards due in the next</span>
            <input type="number" inputMode="numeric" min={1} max={MAX_AHEAD_DAYS} value={days} onChange={(e) => setDays(e.target.value)}
              aria-label="Days ahead" disabled={kind !== 'ahead'} />
            <span>days</span>
          </span>
        </label>
        <label className="custom-kind">
          {option('forgotten', 'Forgotten today')}
          <span className="custom-kind-body">
            <span>The cards you forgot today (answered Again)</span>
          </span>
        </label>
        <label className="custom-kind">
          {option('new', 'More new cards')}
          <span className="custom-kind-body">
            <input type="number" inputMode="numeric" min={1} max={MAX_EXTRA_NEW} value={count} onChange={(e) => setCount(e.target.value)}
              aria-label="New cards" disabled={kind !== 'new'} />
            <span>more new cards beyond today’s limit</span>
          </span>
        </label>
      </fieldset>
      <label className="custom-reschedule">
        <input type="checkbox" checked={reschedule ?? reschedulesByDefault(kind)} onChange={(e) => setReschedule(e.target.checked)} />
        <span>
          Reschedule: my grades count as usual
          <span className="muted"> (off: practice only, no card’s schedule changes)</span>
        </span>
      </label>
      {problem && (
        <p className="notice error" role="alert">
          {problem}
        </p>
      )}
      <div className="custom-sheet-actions">
        <button type="submit" className="primary" disabled={!spec || cards === 0}>
          {cards === null || !spec ? 'Start' : cards === 0 ? 'No cards' : `Study ${cards} card${cards === 1 ? '' : 's'}`}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

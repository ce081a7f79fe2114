// The card browser: full-text search over fronts, backs and tags, filters by deck, tag, state and
// due date, and sorting, over the persisted search index (storage/browse.ts). The plain listing's
// first page is read from the index's first rows, so the screen paints at once however many cards
// there are; searches run in a worker (searchClient.ts), so typing never holds up the page. Results
// come a page at a time. The search survives a visit to a card.
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { nextDayStart } from '../../core/scheduling/day.ts';
import { StudyTheseCards } from '../custom/StudyTheseCards.tsx';
import {
  DEFAULT_BROWSE_QUERY,
  firstListingPage,
  isPlainListing,
  loadBrowseOutline,
  withCardText,
  type BrowseEntry,
  type BrowseOutline,
  type BrowseQuery,
} from '../../storage/browse.ts';
import { loadSettings, onDatabaseChange, type RehearseDb } from '../../storage/index.ts';
import { markdownToPlainText } from '../render/plainText.ts';
import { DUE_FILTERS, dueLabel, plural, SORTS, STATE_FILTERS, STATE_NAMES } from './lib.ts';
import { searcherFor } from './searchClient.ts';
import './browse.css';

interface Props {
  db: RehearseDb;
  dataVersion: number;
  onError(error: unknown): void;
}

const PAGE = 50;
/** Typing pauses this long before the search runs (a burst of keys searches once). */
const DEBOUNCE_MS = 60;

// Kept for the session: coming back from a card finds the same search, filters and page.
let lastQuery: BrowseQuery = { ...DEFAULT_BROWSE_QUERY };
let lastShown = PAGE;

interface Results {
  total: number;
  entries: BrowseEntry[];
  now: number;
  /** The query and page size they answer. */
  of: BrowseQuery;
  shown: number;
}

export default function BrowseScreen({ db, dataVersion, onError }: Props) {
  const [outline, setOutline] = useState<BrowseOutline | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [dayStartHour, setDayStartHour] = useState<number | null>(null);
  const [query, setQuery] = useState<BrowseQuery>(lastQuery);
  const [text, setText] = useState(lastQuery.text);
  const [shown, setShown] = useState(lastShown);
  // Bumped by every change to the cards, here or in another tab: the list reads again.
  const [changes, setChanges] = useState(0);
  const searchId = useId();
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(
    () => onDatabaseChange(db, (tables) => (tables.has('cards') || tables.has('cardStates') || tables.has('decks')) && setChanges((n) => n + 1)),
    [db],
  );

  useEffect(() => {
    let cancelled = false;
    Promise.all([loadSettings(db), loadBrowseOutline(db)]).then(([s, o]) => {
      if (cancelled) return;
      setDayStartHour(s.dayStartHour);
      setOutline(o);
    }, onError);
    return () => {
      cancelled = true;
    };
  }, [db, dataVersion, changes, onError]);

  useEffect(() => {
    if (!outline || dayStartHour === null) return;
    let cancelled = false;
    const now = Date.now();
    const plain = isPlainListing(query) && shown <= PAGE;
    const found = plain
      ? firstListingPage(db, outline, query.deckId, shown).then((page) => ({
          total: query.deckId === 'all' ? outline.live : (outline.liveByDeck[query.deckId] ?? 0),
          page,
        }))
      : searcherFor(db).search(query, { now, dayStartHour, limit: shown });
    found
      .then(async ({ total, page }) => ({ total, entries: await withCardText(db, page), now, of: query, shown }))
      .then((r) => !cancelled && setResults(r), onError)
      // Once the listing is painted, the worker loads the index, so the first search need not wait for it.
      .then(() => plain && !cancelled && void searcherFor(db).search(query, { now, dayStartHour, limit: 0 }).catch(() => undefined));
    return () => {
      cancelled = true;
    };
  }, [db, outline, dayStartHour, query, shown, onError]);

  // Typing is debounced briefly (a burst of keys searches once); filters apply at once.
  useEffect(() => {
    if (text === query.text) return;
    const timer = setTimeout(() => update({ text }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const update = (changes: Partial<BrowseQuery>) => {
    const next = { ...query, ...changes };
    lastQuery = next;
    lastShown = PAGE;
    setShown(PAGE);
    setQuery(next);
  };

  const now = results?.now ?? Date.now();
  // Typed words not searched yet, or a search under way: the list still shows the previous answer.
  const busy = text !== query.text || !results || results.of !== query || results.shown !== shown;
  const dayEnd = nextDayStart(now, dayStartHour ?? 4, db.timeZone);
  const deckTitle = useMemo(() => new Map(outline?.decks.map((d) => [d.id, d.title]) ?? []), [outline]);
  const deckOptions = useMemo(
    (): Array<[string, string]> => [['all', 'All decks'], ...(outline?.decks.map((d): [string, string] => [d.id, d.hidden ? `${d.title} (hidden)` : d.title]) ?? [])],
    [outline],
  );
  const tagOptions = useMemo((): Array<[string, string]> => [['', 'Any tag'], ...(outline?.tags.map((t): [string, string] => [t, t]) ?? [])], [outline]);
  const filtered =
    query.deckId !== 'all' || query.tag !== '' || query.state !== 'any' || query.due !== 'any' || query.text.trim() !== '';

  return (
    <main className="screen browse" aria-label="Browse cards">
      <div className="browse-top">
        <h2>Browse</h2>
        <a className="button" href="#/add">Add a card</a>
      </div>
      <form className="browse-search" role="search" onSubmit={(e) => {
        e.preventDefault();
        update({ text });
      }}>
        <label htmlFor={searchId} className="visually-hidden">Search cards</label>
        <input
          ref={searchRef}
          id={searchId}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search questions, answers and tags"
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
        />
      </form>
      <div className="browse-filters">
        <Select label="Deck" value={query.deckId} onChange={(deckId) => update({ deckId })}
          options={deckOptions} />
        <Select label="Tag" value={query.tag} onChange={(tag) => update({ tag })}
          options={tagOptions} />
        <Select label="State" value={query.state} onChange={(state) => update({ state: state as BrowseQuery['state'] })} options={STATE_FILTERS} />
        <Select label="Due" value={query.due} onChange={(due) => update({ due: due as BrowseQuery['due'] })} options={DUE_FILTERS} />
        <div className="browse-sort">
          <Select label="Sort by" value={query.sort} onChange={(sort) => update({ sort: sort as BrowseQuery['sort'], descending: false })} options={SORTS} />
          <button type="button" className="sort-order" onClick={() => update({ descending: !query.descending })}
            aria-pressed={query.descending} title="Reverse the order">
            <span aria-hidden="true">⇅</span>
            <span className="visually-hidden">Reverse the order</span>
          </button>
        </div>
      </div>

      <p className="browse-count muted" role="status" aria-live="polite" aria-busy={busy} data-testid="browse-count">
        {!results
          ? 'Reading your cards…'
          : results.total === 0
            ? filtered ? 'No card matches.' : 'No cards yet.'
            : `${plural(results.total, 'card')}${filtered ? ' match' + (results.total === 1 ? 'es' : '') : ''}`}
        {filtered && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => {
              setText('');
              update({ ...DEFAULT_BROWSE_QUERY, sort: query.sort, descending: query.descending });
              searchRef.current?.focus();
            }}>Clear search and filters</button>
          </>
        )}
      </p>

      {filtered && !busy && results && results.total > 0 && <StudyTheseCards db={db} query={query} onError={onError} />}

      {results && results.total > 0 && (
        <>
          <ResultList entries={results.entries} shown={shown} deckTitle={deckTitle} now={now} dayEnd={dayEnd} />
          {shown < results.total && (
            <p className="browse-more">
              <button type="button" onClick={() => {
                lastShown = shown + PAGE * 4;
                setShown(lastShown);
              }}>
                Show more ({plural(results.total - shown, 'card')} left)
              </button>
            </p>
          )}
        </>
      )}
    </main>
  );
}

// Rows are memoized: a keystroke re-renders the search box, not fifty rows and their snippets.
const ResultList = memo(function ResultList({ entries, shown, deckTitle, now, dayEnd }: {
  entries: BrowseEntry[];
  shown: number;
  deckTitle: Map<string, string>;
  now: number;
  dayEnd: number;
}) {
  return (
    <ol className="browse-results">
      {entries.slice(0, shown).map((entry) => (
        <ResultRow key={entry.id} entry={entry} deck={deckTitle.get(entry.deckId) ?? entry.deckId} now={now} dayEnd={dayEnd} />
      ))}
    </ol>
  );
});

/** A side's first `max` characters as plain text, read from a prefix: a long answer is not stripped to its end. */
export function snippet(markdown: string, max: number): string {
  // Markup shrinks as it is stripped; a prefix of 4× the length, cut at a line end, usually leaves
  // enough text. When it does not (a long block of markup first), the whole side is read.
  const cut = markdown.length > max * 4 ? markdown.indexOf('\n', max * 4) : -1;
  const plain = (source: string) => markdownToPlainText(source).replace(/\s+/g, ' ').trim();
  let text = cut === -1 ? plain(markdown) : plain(markdown.slice(0, cut));
  if (cut !== -1 && text.length <= max) text = plain(markdown);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const ResultRow = memo(function ResultRow({ entry, deck, now, dayEnd }: { entry: BrowseEntry; deck: string; now: number; dayEnd: number }) {
  const flags: string[] = [];
  if (entry.suspended) flags.push('Suspended');
  if (entry.buriedUntil > now) flags.push('Buried');
  if (entry.edited) flags.push('Edited');
  if (entry.removed) flags.push('Removed');
  return (
    <li className="browse-row">
      <a href={`#/card/${encodeURIComponent(entry.id)}`} data-card-id={entry.id}>
        <span className="browse-front">{snippet(entry.front, 160)}</span>
        <span className="browse-back muted">{snippet(entry.back, 140)}</span>
        <span className="browse-meta">
          <span>{deck}</span>
          <span className={`state state-${entry.state}`}>{STATE_NAMES[entry.state]}</span>
          <span>{dueLabel(entry, now, dayEnd)}</span>
          {entry.lapses > 0 && <span>{plural(entry.lapses, 'lapse')}</span>}
          {flags.map((f) => (
            <span key={f} className={`flag flag-${f.toLowerCase()}`}>{f}</span>
          ))}
        </span>
      </a>
    </li>
  );
});

function Select({ label, value, options, onChange }: {
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="browse-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, name]) => (
          <option key={v} value={v}>{name}</option>
        ))}
      </select>
    </div>
  );
}

// The import screen (#/import): notes from the file picker, a drop, pasted text or the share
// sheet are read by the import worker, previewed (layout, every card with a checkbox, where the
// note is cut, warnings with a way to the cards they concern, what a re-import changes) and
// written only when the user presses Import, in one transaction. Anki packages (.apkg, .colpkg)
// are read by the same worker and get their own preview (AnkiPreview.tsx). The "Cut cards at" choice and
// the unticked cards are remembered for the deck and used again by the next import of the file.
// Loaded lazily: none of this is in the first screen's JavaScript.
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type DragEvent, type FormEvent } from 'react';
import type { Deck } from '../../core/deck/types.ts';
import type { LayoutInfo } from '../../core/deck/importNote.ts';
import { importChoices, importDeck, loadSettings, previewDeckSync, type DeckSyncPreview, type RehearseDb } from '../../storage/index.ts';
import type { ImportCut, ImportResult, ImportSource } from '../../workers/importProtocol.ts';
import { preloadCardRenderer } from '../render/CardContent.tsx';
import { routeHref } from '../useHashRoute.ts';
import { StudyLinks } from './StudyLinks.tsx';
import { AnkiImported, AnkiPreview, type AnkiImportedItem, type AnkiPreviewItem } from './AnkiPreview.tsx';
import { existingDeckIds, writeAnkiPackage } from './ankiImport.ts';
import { CardList } from './CardList.tsx';
import { ImportClient, type ImportProgress } from './importClient.ts';
import {
  acceptedFiles,
  changeSummary,
  cutChoiceLabel,
  cutNotice,
  deckIdForImport,
  deckToImport,
  formatBytes,
  groupWarnings,
  importedSummary,
  layoutWords,
  linesSummary,
  noteChangedSentence,
  refusedTakeovers,
  takeoverKey,
  takeoverSentence,
  withRefusals,
  pastedFileName,
  progressNote,
  selectedCut,
  setTicked,
  tickedCount,
  tickedSentence,
  type WarningGroup,
} from './lib.ts';
import { ListStore } from './previewStore.ts';
import { takeSharedNotes, textFromShareParams } from './shared.ts';
import { addCardQuery, cardFromSharedText } from '../add/lib.ts';
import './import.css';

interface Props {
  db: RehearseDb;
  /** The query of the route (`shared=1` after a share; `title`/`text`/`url` for a text share). */
  query: string;
  onError(error: unknown): void;
}

/** Warning lines listed under one kind of warning; the rest are counted. */
const WARNING_LINES_SHOWN = 100;
/** A change of ticks waits this long (ms) before "what a re-import changes" is worked out again. */
const SYNC_PREVIEW_DELAY_MS = 150;

interface Previewed {
  key: number;
  name: string;
  status: 'ready' | 'importing';
  /** Sent again, with another `cutAt`, when the user picks where to cut. */
  source: ImportSource;
  pasted: boolean;
  /** Every card of the cut, ticked or not. */
  deck: Deck;
  layout: LayoutInfo;
  cut: ImportCut;
  /** A remembered cut found no cards in this version of the note; it was cut automatically. */
  fellBack: boolean;
  /** The choice being cut in the worker right now. */
  recutting?: string;
  recutError?: string;
  /** Unticked card ids (also those of other cuts, so they stay unticked when the user comes back). */
  excluded: ReadonlySet<string>;
  /** What importing the ticked cards changes, and the deck and ticks it was worked out for. */
  sync: DeckSyncPreview;
  syncOf: { deck: Deck; excluded: ReadonlySet<string> };
  deckName: string;
  /** Takeovers the user refused (`takeoverKey`): those cards start afresh. */
  refused: ReadonlySet<string>;
}

type Item =
  | { key: number; name: string; status: 'reading'; progress?: ImportProgress }
  | { key: number; name: string; status: 'error'; message: string; layouts?: LayoutInfo[] }
  | Previewed
  | { key: number; name: string; status: 'imported'; deckId: string; title: string; cards: number; summary: string }
  | AnkiPreviewItem
  | AnkiImportedItem;

const isPreviewed = (item: Item): item is Previewed => item.status === 'ready' || item.status === 'importing';
const isAnkiPreview = (item: Item): item is AnkiPreviewItem => item.status === 'anki-ready' || item.status === 'anki-importing';
const isFinished = (item: Item) => item.status === 'imported' || item.status === 'anki-imported' || item.status === 'error';

/** Every choice counted, put into a preview still showing the cut they were counted for. */
function withCountedChoices(item: Item, cut: ImportCut): Item {
  if (!isPreviewed(item) || !item.cut.pending || item.cut.chosen !== cut.chosen) return item;
  return { ...item, cut };
}

/** The previews, kept while the user is on another screen (Back brings them back as they were). */
const previews = new ListStore<Item>();
const setItems = (next: (items: Item[]) => Item[]) => previews.update(next);
const itemsRef = { get current() { return previews.get(); } };
/** One worker for the page's life, so a read under way goes on while the user is elsewhere. */
let worker: ImportClient | undefined;
const importClient = () => (worker ??= new ImportClient());

export function ImportScreen({ db, query, onError }: Props) {
  const items = useSyncExternalStore(previews.subscribe, previews.get);
  const [dragging, setDragging] = useState(false);
  // A shared text is read as notes below; it may be meant as one card instead ("Add as a card").
  const [sharedCard, setSharedCard] = useState<{ front: string; back: string } | null>(null);
  const client = useRef<ImportClient | null>(null);
  client.current ??= importClient();

  useEffect(() => {
    preloadCardRenderer().catch(() => undefined);
    // Leaving the screen keeps previews and reads under way (Back finds them); what is done — an
    // import made, a file refused — was said already and goes, so the next visit starts clean.
    return () => setItems((list) => (list.some(isFinished) ? list.filter((item) => !isFinished(item)) : list));
  }, []);

  const update = useCallback((key: number, next: (item: Item) => Item) => {
    setItems((list) => list.map((item) => (item.key === key ? next(item) : item)));
  }, []);

  const read = useCallback(
    (sources: Array<{ name: string; pasted: boolean; source: ImportSource }>) => {
      const worker = client.current;
      if (!worker) return;
      for (const { name, pasted, source } of sources) {
        const key = previews.key();
        setItems((list) => [...list, { key, name, status: 'reading' }]);
        const fileName = source.kind === 'file' ? source.file.name : source.name;
        // A re-import of the same file (or shared text of the same name) cuts where the last import
        // did; an Anki package's answers are replayed with the user's settings, as the import will.
        Promise.all([importChoices(db, deckIdForImport(fileName)), loadSettings(db)])
          .then(async ([remembered, settings]) => {
            // The other ways of cutting are counted after the cards are shown; they may arrive
            // before the preview is ready (kept here) or after it (put straight into it).
            let counted: ImportCut | undefined;
            let shown = false;
            const result: ImportResult = await worker.read(source, {
              cutAt: remembered.cutAt,
              settings,
              onProgress: (progress) => update(key, (item) => (item.status === 'reading' ? { ...item, progress } : item)),
              onChoices: (cut) => {
                if (!cut) return;
                if (shown) update(key, (item) => withCountedChoices(item, cut));
                else counted = cut;
              },
            });
            if (!result.ok) {
              update(key, () => ({ key, name, status: 'error', message: result.message, ...(result.layouts ? { layouts: result.layouts } : {}) }));
              return;
            }
            if (result.kind === 'anki') {
              const existing = await existingDeckIds(db, result.decks.map((d) => d.id));
              update(key, () => ({ key, name, status: 'anki-ready', result, existing }));
              return;
            }
            const excluded = new Set(remembered.excludedCardIds);
            const sync = await previewDeckSync(db, deckToImport(result.deck, excluded));
            const deckName = sync.existingTitle ?? (pasted ? name : result.deck.title);
            update(key, () => ({
              key,
              name,
              status: 'ready',
              source,
              pasted,
              deck: result.deck,
              layout: result.layout,
              cut: counted && counted.chosen === result.cut.chosen ? counted : result.cut,
              fellBack: result.cutFellBackFrom !== undefined,
              excluded,
              sync,
              syncOf: { deck: result.deck, excluded },
              deckName,
              refused: new Set(),
            }));
            shown = true;
          })
          .catch((error: unknown) => update(key, () => ({ key, name, status: 'error', message: String(error) })));
      }
    },
    [db, update],
  );

  /** Cuts the note again where the user asked, in the worker; the latest choice wins. */
  const recutSeq = useRef(new Map<number, number>());
  const recut = useCallback(
    (key: number, cutAt: string) => {
      const worker = client.current;
      const item = itemsRef.current.find((i) => i.key === key);
      if (!worker || !item || item.status !== 'ready') return;
      const seq = (recutSeq.current.get(key) ?? 0) + 1;
      recutSeq.current.set(key, seq);
      update(key, (i) => (i.status === 'ready' ? { ...i, recutting: cutAt, recutError: undefined } : i));
      let counted: ImportCut | undefined;
      let shown = false;
      const onChoices = (cut: ImportCut | undefined) => {
        if (!cut || recutSeq.current.get(key) !== seq) return;
        if (shown) update(key, (i) => withCountedChoices(i, cut));
        else counted = cut;
      };
      void worker.read(item.source, { cutAt, onChoices }).then((result) => {
        if (recutSeq.current.get(key) !== seq) return;
        update(key, (i) => {
          if (i.status !== 'ready') return i;
          if (!result.ok) return { ...i, recutting: undefined, recutError: result.message };
          if (result.kind !== 'note') return i;
          const cut = counted && counted.chosen === result.cut.chosen ? counted : result.cut;
          return { ...i, deck: result.deck, layout: result.layout, cut, fellBack: false, recutting: undefined };
        });
        shown = true;
      });
    },
    [update],
  );

  /** Works out again what importing the ticked cards changes (after a re-cut or new ticks). */
  const refreshSync = useCallback(
    (key: number) => {
      const item = itemsRef.current.find((i) => i.key === key);
      if (!item || !isPreviewed(item)) return;
      const { deck, excluded } = item;
      previewDeckSync(db, deckToImport(deck, excluded))
        .then((sync) =>
          update(key, (i) => (isPreviewed(i) && i.deck === deck && i.excluded === excluded ? { ...i, sync, syncOf: { deck, excluded } } : i)),
        )
        .catch(onError);
    },
    [db, update, onError],
  );

  const readFiles = useCallback(
    (files: Iterable<File>) => read(acceptedFiles(files).map((file) => ({ name: file.name, pasted: false, source: { kind: 'file', file } }))),
    [read],
  );

  // A share: text in the URL (GET), or files and text the service worker kept (POST).
  const shareRead = useRef(false);
  useEffect(() => {
    if (shareRead.current || !client.current) return;
    const params = new URLSearchParams(query);
    const sharedText = textFromShareParams(params);
    if (!sharedText && params.get('shared') !== '1') return;
    shareRead.current = true;
    if (sharedText) {
      read([{ name: sharedText.name, pasted: true, source: { kind: 'text', name: pastedFileName(sharedText.name), text: sharedText.text } }]);
      setSharedCard(cardFromSharedText(params.get('title') ?? '', sharedText.text));
    }
    if (params.get('shared') === '1') {
      takeSharedNotes()
        .then(({ files, text }) => {
          readFiles(files);
          if (text) {
            read([{ name: text.name, pasted: true, source: { kind: 'text', name: pastedFileName(text.name), text: text.text } }]);
            setSharedCard(cardFromSharedText(text.name, text.text));
          }
        })
        .catch(onError);
    }
    history.replaceState(null, '', routeHref({ name: 'import' }));
  }, [query, read, readFiles, onError]);

  const doImport = useCallback(
    async (key: number) => {
      const item = itemsRef.current.find((i) => i.key === key);
      if (!item || item.status !== 'ready' || item.recutting !== undefined) return;
      const cards = tickedCount(item.deck.cards, item.excluded);
      if (cards === 0) return;
      const name = item.deckName.replace(/\s+/g, ' ').trim() || item.deck.title;
      update(key, (i) => (i.status === 'ready' ? { ...i, status: 'importing' } : i));
      try {
        const report = await importDeck(
          db,
          { ...deckToImport(item.deck, item.excluded), title: name },
          { cutAt: selectedCut(item.cut), excludedCardIds: [...item.excluded] },
          Date.now(),
          { refusedTakeovers: refusedTakeovers(item.sync, item.refused) },
        );
        update(key, () => ({
          key,
          name: item.name,
          status: 'imported',
          deckId: item.deck.id,
          title: name,
          cards,
          summary: importedSummary(report, item.sync.exists, cards),
        }));
      } catch (error) {
        update(key, (i) => (i.status === 'importing' ? { ...i, status: 'ready' } : i));
        onError(error);
      }
    },
    [db, update, onError],
  );

  /** Writes an Anki package's decks, cards and answers in one transaction; a failure leaves everything as it was. */
  const doAnkiImport = useCallback(
    async (key: number) => {
      const item = itemsRef.current.find((i) => i.key === key);
      if (!item || item.status !== 'anki-ready') return;
      update(key, (i) => (i.status === 'anki-ready' ? { ...i, status: 'anki-importing', failure: undefined } : i));
      try {
        const written = await writeAnkiPackage(db, item.result, Date.now());
        update(key, () => ({ key, name: item.name, status: 'anki-imported', decks: written.decks, summary: written.summary }));
      } catch (error) {
        update(key, (i) => (i.status === 'anki-importing' ? { ...i, status: 'anki-ready', failure: error instanceof Error ? error.message : String(error) } : i));
      }
    },
    [db, update],
  );

  const remove = (key: number) => setItems((list) => list.filter((i) => i.key !== key));
  const ready = items.filter(
    (i): i is Previewed | AnkiPreviewItem =>
      i.status === 'anki-ready' || (i.status === 'ready' && i.recutting === undefined && tickedCount(i.deck.cards, i.excluded) > 0),
  );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    readFiles(event.dataTransfer.files);
  };

  return (
    <main className="screen import-screen">
      <h2>Import notes</h2>
      <p className="muted">
        Markdown or plain-text notes become decks, and Anki packages bring their decks with their history. Nothing is saved
        until you press Import; importing the same file again updates its deck and keeps your progress.
      </p>
      {sharedCard && (
        <div className="notice share-choice" role="group" aria-label="Shared text">
          <p>You shared a text. Import it as notes below, or make it one card: its first line asks, the rest answers.</p>
          <a className="button primary" href={routeHref({ name: 'add', query: addCardQuery(sharedCard) })}>Add as a card</a>
        </div>
      )}

      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="button primary file-pick">
          Import notes
          <input
            type="file"
            multiple
            accept=".md,.markdown,.txt,.org,text/*,.apkg,.colpkg"
            onChange={(event) => {
              const files = event.currentTarget.files;
              if (files) readFiles(files);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <p className="muted drop-hint">or drop .md, .txt or Anki .apkg/.colpkg files here — several at once is fine</p>
      </div>

      <PasteForm
        onRead={(name, text) => read([{ name, pasted: true, source: { kind: 'text', name: pastedFileName(name), text } }])}
      />

      {ready.length > 1 && (
        <div className="import-all">
          <button type="button" className="primary" onClick={() => ready.forEach((i) => void (i.status === 'anki-ready' ? doAnkiImport(i.key) : doImport(i.key)))}>
            Import all {ready.length}
          </button>
        </div>
      )}

      <div className="import-items" aria-live="polite">
        {items.map((item) => (
          <ImportItem
            key={item.key}
            item={item}
            onName={(deckName) => update(item.key, (i) => (i.status === 'ready' ? { ...i, deckName } : i))}
            onCut={(cutAt) => recut(item.key, cutAt)}
            onTick={(ids, ticked) => update(item.key, (i) => (i.status === 'ready' ? { ...i, excluded: setTicked(i.excluded, ids, ticked) } : i))}
            onRefreshSync={() => refreshSync(item.key)}
            onRefuse={(key, refuse) =>
              update(item.key, (i) => (i.status === 'ready' ? { ...i, refused: setTicked(i.refused, [key], !refuse) } : i))
            }
            onImport={() => void (item.status === 'anki-ready' ? doAnkiImport(item.key) : doImport(item.key))}
            onRemove={() => remove(item.key)}
          />
        ))}
      </div>
    </main>
  );
}

/** What the worker is doing, while it has no fraction to show. */
function phaseWords(phase: ImportProgress['phase'] | undefined): string {
  if (phase === 'unpacking') return 'Opening the Anki collection…';
  if (phase === 'replaying') return 'Rebuilding FSRS states from the answers…';
  if (phase === 'parsing') return 'Finding cards…';
  return 'Opening…';
}

function PasteForm({ onRead }: { onRead(name: string, text: string): void }) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || text.trim() === '') return;
    onRead(name.trim(), text);
    setText('');
  };
  return (
    <details className="paste">
      <summary>Paste text instead</summary>
      <form onSubmit={submit} className="paste-form">
        <label htmlFor={`${id}-name`}>Deck name</label>
        <input id={`${id}-name`} value={name} required onChange={(e) => setName(e.target.value)} placeholder="e.g. System design" />
        <label htmlFor={`${id}-text`}>Notes</label>
        <textarea id={`${id}-text`} value={text} required rows={8} onChange={(e) => setText(e.target.value)}
          placeholder={'## What is a closure?\nA function that keeps the variables of the scope it was made in.'} />
        <button type="submit" disabled={name.trim() === '' || text.trim() === ''}>
          Preview pasted notes
        </button>
      </form>
    </details>
  );
}

interface PreviewActions {
  onName(name: string): void;
  /** Cut the note again at this choice. */
  onCut(cutAt: string): void;
  onTick(ids: readonly string[], ticked: boolean): void;
  /** The ticks or the cut changed: work out again what the import changes. */
  onRefreshSync(): void;
  /** Refuse (or accept again) one takeover, by `takeoverKey`. */
  onRefuse(key: string, refuse: boolean): void;
  onImport(): void;
  onRemove(): void;
}

function ImportItem({ item, ...actions }: { item: Item } & PreviewActions) {
  const { onRemove } = actions;
  const headingId = useId();
  if (isAnkiPreview(item)) return <AnkiPreview item={item} onImport={actions.onImport} onRemove={onRemove} />;
  if (item.status === 'anki-imported') return <AnkiImported item={item} />;
  if (item.status === 'reading') {
    const p = item.progress;
    const reading = p?.phase === 'reading';
    return (
      <section className="import-item" aria-labelledby={headingId} aria-busy="true">
        <h3 id={headingId}>{item.name}</h3>
        <p className="muted">
          {reading ? `Reading — ${formatBytes(p.loaded)} of ${formatBytes(p.total)}` : phaseWords(p?.phase)}
        </p>
        {/* Bytes read is a real fraction; finding cards is one step with no fraction to show. */}
        {reading ? <progress max={p.total || 1} value={p.loaded} aria-label={`Reading ${item.name}`} /> : <progress aria-label={`Reading ${item.name}`} />}
      </section>
    );
  }
  if (item.status === 'error') {
    return (
      <section className="import-item error" aria-labelledby={headingId}>
        <h3 id={headingId}>{item.name}</h3>
        <p role="alert" className="import-error">
          {/* The converter's sentence lists every layout; the list below shows them with examples. */}
          {item.layouts ? `No questions found in ${item.name}.` : item.message} Nothing was added.
        </p>
        {item.layouts && (
          <div className="layouts-tried">
            <p>Rehearse looked for these layouts:</p>
            <ul>
              {item.layouts.map((layout) => (
                <li key={layout.name}>
                  {layout.label}, for example:
                  <pre>{layout.example}</pre>
                </li>
              ))}
            </ul>
          </div>
        )}
        <button type="button" onClick={onRemove}>
          Dismiss
        </button>
      </section>
    );
  }
  if (item.status === 'imported') {
    return (
      <section className="import-item done" aria-labelledby={headingId}>
        <h3 id={headingId}>{item.title}</h3>
        <p role="status">
          Imported “{item.title}”: {item.summary}.
        </p>
        <StudyLinks decks={[{ id: item.deckId, title: item.title }]} />
      </section>
    );
  }
  return <Preview item={item} headingId={headingId} {...actions} />;
}

function Preview({
  item,
  headingId,
  onName,
  onCut,
  onTick,
  onRefreshSync,
  onRefuse,
  onImport,
  onRemove,
}: { item: Previewed; headingId: string } & PreviewActions) {
  const { deck, cut } = item;
  const sync = withRefusals(item.sync, item.refused);
  const groups = useMemo(() => groupWarnings(deck.warnings, item.layout.name, deck.cards), [deck, item.layout.name]);
  const nameId = useId();
  const cutId = useId();
  const busy = item.status === 'importing';
  const cutting = item.recutting !== undefined;
  const total = deck.cards.length;
  const ticked = tickedCount(deck.cards, item.excluded);
  const notice = cutNotice(total, cut, item.fellBack);
  const syncStale = item.syncOf.deck !== deck || item.syncOf.excluded !== item.excluded;

  // The ticks or the cut changed: what the import changes is worked out again once they settle.
  const refresh = useRef(onRefreshSync);
  refresh.current = onRefreshSync;
  useEffect(() => {
    if (!syncStale) return;
    const timer = setTimeout(() => refresh.current(), SYNC_PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [syncStale, deck, item.excluded]);

  // The first card is open (shown as it will look) until the user opens another; a re-cut opens its first card.
  const [openId, setOpenId] = useState<string | undefined>(deck.cards[0]?.id);
  const [jump, setJump] = useState<{ index: number; seq: number } | undefined>(undefined);
  const [openedDeck, setOpenedDeck] = useState(deck);
  if (openedDeck !== deck) {
    setOpenedDeck(deck);
    if (!deck.cards.some((c) => c.id === openId)) setOpenId(deck.cards[0]?.id);
  }
  const jumpTo = useCallback(
    (index: number) => {
      const card = deck.cards[index];
      if (!card) return;
      setOpenId(card.id);
      setJump((j) => ({ index, seq: (j?.seq ?? 0) + 1 }));
    },
    [deck],
  );

  return (
    <section className="import-item preview" aria-labelledby={headingId} data-preview={deck.id}>
      <h3 id={headingId}>{item.name}</h3>
      {notice && (
        <p className="cut-notice" role="status" data-testid="cut-notice">
          {notice.kind === 'auto-found-nothing'
            ? `No cards were found automatically. Choose where to cut this note into cards under “Cut cards at”${
                notice.others > 0 ? `: ${notice.others === 1 ? 'one way of cutting it finds' : `${notice.others} ways of cutting it find`} cards` : ''
              }.`
            : notice.kind === 'cut-finds-nothing'
              ? 'This cut finds no cards. Choose another under “Cut cards at”.'
              : 'Where this note was cut last time finds no cards in it now, so it was cut automatically.'}
        </p>
      )}
      <dl className="preview-facts">
        <dt>Layout</dt>
        <dd data-testid="layout">{layoutWords(total, cut, item.layout.label)}</dd>
        <dt>Cards</dt>
        <dd>
          <span data-testid="card-count">{ticked}</span>
          {ticked < total && <span className="muted"> of {total} · {total - ticked} unticked</span>}
        </dd>
        <dt>{sync.exists ? 'Changes' : 'Deck'}</dt>
        <dd data-testid="changes" aria-busy={syncStale}>
          {sync.exists ? (
            <>
              Updates “{sync.existingTitle}”: {changeSummary(sync)}. <span className="muted">{progressNote(sync)}</span>
            </>
          ) : (
            'A new deck'
          )}
        </dd>
      </dl>
      {(sync.takeovers.length > 0 || sync.noteChangedUnderEdit.length > 0) && (
        <CardIdentity sync={sync} refused={item.refused} disabled={busy || syncStale} onRefuse={onRefuse} />
      )}
      <div className="cut-at">
        <label htmlFor={cutId}>Cut cards at</label>
        <div className="cut-at-control">
          <select id={cutId} value={item.recutting ?? selectedCut(cut)} disabled={busy} onChange={(event) => onCut(event.currentTarget.value)}>
            {cut.choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {cutChoiceLabel(choice)}
              </option>
            ))}
          </select>
          {cutting && (
            <span className="muted cut-busy" role="status">
              Cutting…
            </span>
          )}
          {!cutting && cut.pending && (
            <span className="muted cut-busy" role="status" data-testid="cut-counting">
              Counting other ways to cut…
            </span>
          )}
        </div>
        {item.recutError && (
          <p role="alert" className="import-error">
            {item.recutError}
          </p>
        )}
      </div>
      {groups.length > 0 && <Warnings groups={groups} onJump={jumpTo} />}
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          onImport();
        }}
      >
        <label htmlFor={nameId}>Deck name</label>
        <input id={nameId} value={item.deckName} onChange={(e) => onName(e.target.value)} maxLength={200} disabled={busy} />
        <div className="import-actions">
          <button type="submit" className="primary" disabled={busy || cutting || ticked === 0} aria-describedby={headingId}>
            {busy ? 'Importing…' : sync.exists ? 'Update deck' : 'Import'}
          </button>
          <button type="button" onClick={onRemove} disabled={busy} aria-describedby={headingId}>
            Cancel
          </button>
        </div>
      </form>
      {total > 0 && (
        <>
          <div className="preview-cards-head">
            <h4 className="preview-cards-title">Cards</h4>
            <p className="muted ticked-sentence" data-testid="ticked">
              {tickedSentence(ticked, total)}
            </p>
            <div className="tick-all">
              <button type="button" className="link" disabled={busy || ticked === total} onClick={() => onTick(deck.cards.map((c) => c.id), true)}>
                Tick all
              </button>
              <button type="button" className="link" disabled={busy || ticked === 0} onClick={() => onTick(deck.cards.map((c) => c.id), false)}>
                Untick all
              </button>
            </div>
          </div>
          <CardList
            cards={deck.cards}
            excluded={item.excluded}
            openId={openId}
            onOpen={setOpenId}
            onToggle={(id, on) => onTick([id], on)}
            jump={jump}
            disabled={busy}
            label={`Cards of ${item.name}`}
          />
        </>
      )}
    </section>
  );
}

/** Items listed under each heading; the rest are counted. */
const IDENTITY_SHOWN = 100;

/**
 * What the re-import does to progress beyond the counts: each card that takes over an earlier
 * question's progress (ticked: keep it; unticked: the card starts afresh, the old one is hidden
 * with its history), and each card edited in the app whose note changed under it.
 */
function CardIdentity({
  sync,
  refused,
  disabled,
  onRefuse,
}: {
  sync: DeckSyncPreview;
  refused: ReadonlySet<string>;
  disabled: boolean;
  onRefuse(key: string, refuse: boolean): void;
}) {
  const { takeovers, noteChangedUnderEdit: edits } = sync;
  return (
    <div className="card-identity" data-testid="card-identity">
      {takeovers.length > 0 && (
        <fieldset className="takeovers">
          <legend>Questions that changed and keep their progress</legend>
          <p className="muted">Untick one that is really a different question: it starts as a new card, and the old card is hidden with its history.</p>
          <ul>
            {takeovers.slice(0, IDENTITY_SHOWN).map((t) => {
              const key = takeoverKey(t);
              return (
                <li key={key}>
                  <label>
                    <input type="checkbox" checked={!refused.has(key)} disabled={disabled} onChange={(e) => onRefuse(key, !e.currentTarget.checked)} />{' '}
                    {takeoverSentence(t)}
                  </label>
                </li>
              );
            })}
            {takeovers.length > IDENTITY_SHOWN && <li className="muted">…and {takeovers.length - IDENTITY_SHOWN} more, kept</li>}
          </ul>
        </fieldset>
      )}
      {edits.length > 0 && (
        <div className="note-changed">
          <h4>The note changed under {edits.length === 1 ? 'a card you edited' : `${edits.length} cards you edited`}</h4>
          <ul>
            {edits.slice(0, IDENTITY_SHOWN).map((e) => (
              <li key={e.id}>{noteChangedSentence(e)}</li>
            ))}
            {edits.length > IDENTITY_SHOWN && <li className="muted">…and {edits.length - IDENTITY_SHOWN} more</li>}
          </ul>
        </div>
      )}
    </div>
  );
}

function Warnings({ groups, onJump }: { groups: WarningGroup[]; onJump(index: number): void }) {
  return (
    <div className="import-warnings">
      <h4>Worth knowing</h4>
      <ul>
        {groups.map((group) => {
          const single = group.count === 1 ? group.cards[0] : undefined;
          return (
            <li key={group.ruleId} data-rule={group.ruleId}>
              {group.text}
              {single !== undefined && (
                <>
                  {' '}
                  <button type="button" className="link jump" onClick={() => onJump(single)}>
                    Go to card {single + 1}
                  </button>
                </>
              )}
              <details>
                <summary>{linesSummary(group.lines)}</summary>
                <ul className="warning-lines">
                  {group.reasons.slice(0, WARNING_LINES_SHOWN).map((reason, i) => {
                    const card = group.cards[i];
                    return (
                      <li key={i}>
                        <span className="muted">Line {group.lines[i]}:</span> {reason}
                        {card !== undefined && (
                          <>
                            {' '}
                            <button type="button" className="link jump" onClick={() => onJump(card)} aria-label={`Go to card ${card + 1} (line ${group.lines[i]})`}>
                              Go to card {card + 1}
                            </button>
                          </>
                        )}
                      </li>
                    );
                  })}
                  {group.count > WARNING_LINES_SHOWN && <li className="muted">…and {group.count - WARNING_LINES_SHOWN} more</li>}
                </ul>
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

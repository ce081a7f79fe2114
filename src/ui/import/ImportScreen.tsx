// The import screen (#/import): notes from the file picker, a drop, pasted text or the share
// sheet are read by the import worker, previewed (layout, card count, first cards, warnings,
// what a re-import changes) and written only when the user presses Import, in one transaction.
// Loaded lazily: none of this is in the first screen's JavaScript.
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { Deck } from '../../core/deck/types.ts';
import type { LayoutInfo } from '../../core/deck/importNote.ts';
import {
  previewDeckSync,
  renameDeck,
  syncDecks,
  type DeckSyncPreview,
  type RehearseDb,
} from '../../storage/index.ts';
import type { ImportResult } from '../../workers/importProtocol.ts';
import { CardContent, preloadCardRenderer } from '../render/CardContent.tsx';
import { routeHref } from '../useHashRoute.ts';
import { ImportClient, type ImportProgress } from './importClient.ts';
import { acceptedFiles, changeSummary, formatBytes, groupWarnings, pastedFileName, progressNote, type WarningGroup } from './lib.ts';
import { takeSharedNotes, textFromShareParams } from './shared.ts';
import './import.css';

interface Props {
  db: RehearseDb;
  /** The query of the route (`shared=1` after a share; `title`/`text`/`url` for a text share). */
  query: string;
  onError(error: unknown): void;
}

/** Cards rendered in a preview. */
const PREVIEW_CARDS = 5;

type Item =
  | { key: number; name: string; status: 'reading'; progress?: ImportProgress }
  | { key: number; name: string; status: 'error'; message: string; layouts?: LayoutInfo[] }
  | { key: number; name: string; status: 'ready' | 'importing'; deck: Deck; layout: LayoutInfo; sync: DeckSyncPreview; deckName: string; pasted: boolean }
  | { key: number; name: string; status: 'imported'; deckId: string; title: string; cards: number; summary: string };

export function ImportScreen({ db, query, onError }: Props) {
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const client = useRef<ImportClient | null>(null);
  const nextKey = useRef(1);

  useEffect(() => {
    const created = new ImportClient();
    client.current = created;
    preloadCardRenderer().catch(() => undefined);
    return () => {
      created.dispose();
      if (client.current === created) client.current = null;
    };
  }, []);

  const update = useCallback((key: number, next: (item: Item) => Item) => {
    setItems((list) => list.map((item) => (item.key === key ? next(item) : item)));
  }, []);

  const read = useCallback(
    (sources: Array<{ name: string; pasted: boolean; source: Parameters<ImportClient['read']>[0] }>) => {
      const worker = client.current;
      if (!worker) return;
      for (const { name, pasted, source } of sources) {
        const key = nextKey.current++;
        setItems((list) => [...list, { key, name, status: 'reading' }]);
        void worker
          .read(source, (progress) => update(key, (item) => (item.status === 'reading' ? { ...item, progress } : item)))
          .then(async (result: ImportResult) => {
            if (!result.ok) {
              update(key, () => ({ key, name, status: 'error', message: result.message, ...(result.layouts ? { layouts: result.layouts } : {}) }));
              return;
            }
            const sync = await previewDeckSync(db, result.deck);
            const deckName = sync.existingTitle ?? (pasted ? name : result.deck.title);
            update(key, () => ({ key, name, status: 'ready', deck: result.deck, layout: result.layout, sync, deckName, pasted }));
          })
          .catch((error: unknown) => update(key, () => ({ key, name, status: 'error', message: String(error) })));
      }
    },
    [db, update],
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
    if (sharedText) read([{ name: sharedText.name, pasted: true, source: { kind: 'text', name: pastedFileName(sharedText.name), text: sharedText.text } }]);
    if (params.get('shared') === '1') {
      takeSharedNotes()
        .then(({ files, text }) => {
          readFiles(files);
          if (text) read([{ name: text.name, pasted: true, source: { kind: 'text', name: pastedFileName(text.name), text: text.text } }]);
        })
        .catch(onError);
    }
    history.replaceState(null, '', routeHref({ name: 'import' }));
  }, [query, read, readFiles, onError]);

  const doImport = useCallback(
    async (key: number) => {
      const item = items.find((i) => i.key === key);
      if (!item || item.status !== 'ready') return;
      const name = item.deckName.replace(/\s+/g, ' ').trim() || item.deck.title;
      update(key, (i) => (i.status === 'ready' ? { ...i, status: 'importing' } : i));
      try {
        await syncDecks(db, [{ ...item.deck, title: name }], Date.now(), { origin: 'imported' });
        // A name the user gave earlier (rename) would win over the one typed here: the typed one is the latest word.
        if (item.sync.existingTitle !== undefined && item.sync.existingTitle !== name) await renameDeck(db, item.deck.id, name);
        update(key, () => ({
          key,
          name: item.name,
          status: 'imported',
          deckId: item.deck.id,
          title: name,
          cards: item.sync.total,
          summary: item.sync.exists ? changeSummary(item.sync) : `${item.sync.total} cards`,
        }));
      } catch (error) {
        update(key, (i) => (i.status === 'importing' ? { ...i, status: 'ready' } : i));
        onError(error);
      }
    },
    [db, items, update, onError],
  );

  const remove = (key: number) => setItems((list) => list.filter((i) => i.key !== key));
  const ready = items.filter((i) => i.status === 'ready');

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    readFiles(event.dataTransfer.files);
  };

  return (
    <main className="screen import-screen">
      <h2>Import notes</h2>
      <p className="muted">
        Markdown or plain-text notes become decks. Nothing is saved until you press Import; importing the same file again
        updates its deck and keeps your progress.
      </p>

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
            accept=".md,.markdown,.txt,text/*"
            onChange={(event) => {
              const files = event.currentTarget.files;
              if (files) readFiles(files);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <p className="muted drop-hint">or drop .md and .txt files here — several at once is fine</p>
      </div>

      <PasteForm
        onRead={(name, text) => read([{ name, pasted: true, source: { kind: 'text', name: pastedFileName(name), text } }])}
      />

      {ready.length > 1 && (
        <div className="import-all">
          <button type="button" className="primary" onClick={() => ready.forEach((i) => void doImport(i.key))}>
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
            onImport={() => void doImport(item.key)}
            onRemove={() => remove(item.key)}
          />
        ))}
      </div>
    </main>
  );
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

function ImportItem({ item, onName, onImport, onRemove }: { item: Item; onName(name: string): void; onImport(): void; onRemove(): void }) {
  const headingId = useId();
  if (item.status === 'reading') {
    const p = item.progress;
    const reading = p?.phase === 'reading';
    return (
      <section className="import-item" aria-labelledby={headingId} aria-busy="true">
        <h3 id={headingId}>{item.name}</h3>
        <p className="muted">
          {reading ? `Reading — ${formatBytes(p.loaded)} of ${formatBytes(p.total)}` : p?.phase === 'parsing' ? 'Finding cards…' : 'Opening…'}
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
        <div className="import-actions">
          <a className="button primary" href={routeHref({ name: 'study', deckId: item.deckId })}>
            Study now
          </a>
          <a className="button" href={routeHref({ name: 'decks' })}>
            See decks
          </a>
        </div>
      </section>
    );
  }
  return <Preview item={item} headingId={headingId} onName={onName} onImport={onImport} onRemove={onRemove} />;
}

function Preview({
  item,
  headingId,
  onName,
  onImport,
  onRemove,
}: {
  item: Extract<Item, { status: 'ready' | 'importing' }>;
  headingId: string;
  onName(name: string): void;
  onImport(): void;
  onRemove(): void;
}) {
  const { deck, sync } = item;
  const groups = groupWarnings(deck.warnings, item.layout.name);
  const nameId = useId();
  const busy = item.status === 'importing';
  return (
    <section className="import-item preview" aria-labelledby={headingId} data-preview={deck.id}>
      <h3 id={headingId}>{item.name}</h3>
      <dl className="preview-facts">
        <dt>Layout</dt>
        <dd data-testid="layout">{item.layout.label}</dd>
        <dt>Cards</dt>
        <dd>
          <span data-testid="card-count">{sync.total}</span>
        </dd>
        <dt>{sync.exists ? 'Changes' : 'Deck'}</dt>
        <dd data-testid="changes">
          {sync.exists ? (
            <>
              Updates “{sync.existingTitle}”: {changeSummary(sync)}. <span className="muted">{progressNote(sync)}</span>
            </>
          ) : (
            'A new deck'
          )}
        </dd>
      </dl>
      {groups.length > 0 && <Warnings groups={groups} />}
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
          <button type="submit" className="primary" disabled={busy} aria-describedby={headingId}>
            {busy ? 'Importing…' : sync.exists ? 'Update deck' : 'Import'}
          </button>
          <button type="button" onClick={onRemove} disabled={busy} aria-describedby={headingId}>
            Cancel
          </button>
        </div>
      </form>
      <h4 className="preview-cards-title">
        {deck.cards.length > PREVIEW_CARDS ? `First ${PREVIEW_CARDS} of ${deck.cards.length} cards` : 'Cards'}
      </h4>
      <ol className="preview-cards">
        {deck.cards.slice(0, PREVIEW_CARDS).map((card) => (
          <li key={card.id} className="preview-card">
            <div className="card-front">
              <CardContent markdown={card.front} />
            </div>
            <div className="card-back">
              <CardContent markdown={card.back} />
            </div>
            {card.tags.length > 0 && <p className="muted preview-tags">{card.tags.join(' › ')}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Warnings({ groups }: { groups: WarningGroup[] }) {
  return (
    <div className="import-warnings">
      <h4>Worth knowing</h4>
      <ul>
        {groups.map((group) => (
          <li key={group.ruleId}>
            {group.text}
            <details>
              <summary>{group.count === 1 ? `Line ${group.lines[0]}` : `Lines`}</summary>
              <ul className="warning-lines">
                {group.reasons.map((reason, i) => (
                  <li key={i}>
                    <span className="muted">Line {group.lines[i]}:</span> {reason}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}


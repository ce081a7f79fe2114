// `#/add` and `#/add/<deckId>`: write a card in markdown, see it as the study screen will show it
// (the same renderer and sanitizer, CardContent), pick or name its deck, and save it (with its
// reverse) in one transaction. Ctrl/Cmd+Enter saves.
import { useDeferredValue, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { addCard, deckChoices, type AddedCards, type DeckChoice } from '../../storage/addCard.ts';
import type { RehearseDb } from '../../storage/index.ts';
import { CardContent } from '../render/CardContent.tsx';
import { markdownToPlainText } from '../render/plainText.ts';
import { parseTagList } from '../browse/lib.ts';
import { routeHref } from '../useHashRoute.ts';
import { fieldsFromQuery, initialDeck, isSaveShortcut, nextForm, NEW_DECK, savedMessage, type AddCardForm } from './lib.ts';
import './add.css';

/** This device's memory of the deck the last card went to, picked first next time (not synced, not backed up). */
const LAST_DECK_KEY = 'rehearse.addCard.lastDeck';

function lastDeck(): string | undefined {
  try {
    return localStorage.getItem(LAST_DECK_KEY) ?? undefined;
  } catch {
    return undefined; // storage refused (a private window): nothing remembered
  }
}

function rememberDeck(deckId: string): void {
  try {
    localStorage.setItem(LAST_DECK_KEY, deckId);
  } catch {
    // Not remembered: the next visit picks the default deck.
  }
}

interface Props {
  db: RehearseDb;
  /** The deck the route names (`#/add/<deckId>`). */
  deckId?: string | undefined;
  /** The route's query: `front`, `back`, `tags`, or a share's `title`/`text`/`url`. */
  query?: string | undefined;
  onError(error: unknown): void;
}

export function AddCardScreen({ db, deckId, query, onError }: Props) {
  const [decks, setDecks] = useState<DeckChoice[] | null>(null);
  const [form, setForm] = useState<AddCardForm>(() => ({ ...fieldsFromQuery(query ?? ''), deckId: NEW_DECK, newDeckName: '', reverse: false }));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ added: AddedCards; message: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Saved with "Save": the screen shows what was added and where to go next. */
  const [done, setDone] = useState(false);
  const frontRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  // The preview follows the typing a moment behind it, so a long card never slows the keys.
  const preview = useDeferredValue({ front: form.front, back: form.back });

  useEffect(() => {
    let current = true;
    deckChoices(db).then((list) => {
      if (!current) return;
      setDecks(list);
      setForm((f) => ({ ...f, ...initialDeck(list, deckId, lastDeck()) }));
    }, onError);
    // A shared text arrives in the URL once: the address goes back to plain #/add.
    if (query) history.replaceState(null, '', routeHref({ name: 'add', ...(deckId ? { deckId } : {}) }));
    return () => {
      current = false;
    };
  }, [db, deckId, query, onError]);

  const set = <K extends keyof AddCardForm>(key: K, value: AddCardForm[K]) => {
    setProblem(null);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const save = async (another: boolean) => {
    if (saving || !decks) return;
    if (!form.front.trim() || !form.back.trim()) {
      setProblem(!form.front.trim() ? 'Write the front (the question) first.' : 'Write the back (the answer) first.');
      (form.front.trim() ? document.getElementById(`${id}-back`) : frontRef.current)?.focus();
      return;
    }
    setSaving(true);
    try {
      const added = await addCard(db, {
        front: form.front,
        back: form.back,
        tags: parseTagList(form.tags),
        deck: form.deckId === NEW_DECK ? { newTitle: form.newDeckName } : { id: form.deckId },
        reverse: form.reverse,
      });
      rememberDeck(added.deckId);
      const message = savedMessage(markdownToPlainText(form.front).trim(), form.reverse, added.deckTitle, added.createdDeck);
      if (added.createdDeck) setDecks(await deckChoices(db));
      setSaved({ added, message });
      setForm((f) => nextForm(f, added.deckId));
      if (another) frontRef.current?.focus();
      else setDone(true);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if ((error as { code?: string }).code === 'bad-input') setProblem(message);
      else onError(error);
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isSaveShortcut(event)) return;
    event.preventDefault();
    void save(false);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  if (!decks) return <main className="screen" aria-busy="true"><p className="muted">Loading your decks…</p></main>;

  const previewDeck = form.deckId === NEW_DECK ? undefined : form.deckId;
  if (done && saved) {
    return (
      <main className="screen add-screen" aria-label="Add a card">
        <h2>Add a card</h2>
        <p className="notice add-saved" role="status">{saved.message}</p>
        <div className="add-actions">
          <a className="button primary" href={routeHref({ name: 'study', deckId: saved.added.deckId })}>Study this deck</a>
          <button type="button" onClick={() => { setDone(false); setSaved(null); requestAnimationFrame(() => frontRef.current?.focus()); }}>Add another</button>
          <a className="button" href={routeHref({ name: 'card', cardId: saved.added.cardIds[0]! })}>Open the card</a>
        </div>
      </main>
    );
  }

  return (
    <main className="screen add-screen" aria-label="Add a card">
      <h2>Add a card</h2>
      <form className="add-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <div className="add-deck">
          <label htmlFor={`${id}-deck`}>Deck</label>
          <select id={`${id}-deck`} value={form.deckId} onChange={(e) => set('deckId', e.target.value)}>
            <option value={NEW_DECK}>New deck…</option>
            {decks.some((d) => d.own) && (
              <optgroup label="Your decks">
                {decks.filter((d) => d.own).map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
              </optgroup>
            )}
            <optgroup label="Other decks">
              {decks.filter((d) => !d.own).map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
            </optgroup>
          </select>
          {form.deckId === NEW_DECK && (
            <>
              <label htmlFor={`${id}-new-deck`}>Name of the new deck</label>
              <input id={`${id}-new-deck`} type="text" value={form.newDeckName} maxLength={200} onChange={(e) => set('newDeckName', e.target.value)} placeholder="My cards" />
            </>
          )}
        </div>

        <div className="add-side">
          <div className="add-field">
            <label htmlFor={`${id}-front`}>Front</label>
            <textarea id={`${id}-front`} ref={frontRef} value={form.front} rows={3} autoFocus onChange={(e) => set('front', e.target.value)} placeholder="The question, in markdown" />
          </div>
          <section className="add-preview" aria-label="Preview of the front" data-card-id={previewDeck ? `${previewDeck}/` : undefined}>
            {preview.front.trim() ? <CardContent markdown={preview.front} {...(previewDeck ? { deckId: previewDeck } : {})} /> : <p className="muted">The front, as you will study it.</p>}
          </section>
        </div>

        <div className="add-side">
          <div className="add-field">
            <label htmlFor={`${id}-back`}>Back</label>
            <textarea id={`${id}-back`} value={form.back} rows={6} onChange={(e) => set('back', e.target.value)} placeholder="The answer: lists, code, tables and $math$ work as in your notes" />
          </div>
          <section className="add-preview" aria-label="Preview of the back">
            {preview.back.trim() ? <CardContent markdown={preview.back} {...(previewDeck ? { deckId: previewDeck } : {})} /> : <p className="muted">The back, as you will study it.</p>}
          </section>
        </div>

        <div className="add-field add-tags">
          <label htmlFor={`${id}-tags`}>Tags</label>
          <input id={`${id}-tags`} type="text" value={form.tags} spellCheck={false} autoCapitalize="off" onChange={(e) => set('tags', e.target.value)} placeholder="system-design interview" />
          <p className="muted hint">Separated by spaces or commas; kept for the next card.</p>
        </div>

        <label className="add-reverse">
          <input type="checkbox" checked={form.reverse} onChange={(e) => set('reverse', e.target.checked)} /> Also make the reverse card (back → front)
        </label>

        {problem && <p className="notice error" role="alert">{problem}</p>}
        {saved && !done && <p className="notice add-saved" role="status">{saved.message}</p>}

        <div className="add-actions">
          <button type="submit" className="primary" disabled={saving} aria-keyshortcuts="Control+Enter Meta+Enter">Save</button>
          <button type="button" disabled={saving} onClick={() => void save(true)}>Save and add another</button>
          <span className="muted hint add-shortcut">Ctrl+Enter saves</span>
        </div>
      </form>
    </main>
  );
}

export default AddCardScreen;

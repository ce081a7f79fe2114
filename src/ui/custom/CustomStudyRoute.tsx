// The `#/custom/<spec>` route: reads the spec from the URL (a reload resumes the session), names
// the session from its deck, and opens the study screen on it.
import { useEffect, useMemo, useState } from 'react';
import { customSessionTitle, CustomSpecError, parseCustomSpec, type CustomSpec } from '../../core/study/customSession.ts';
import { deckTitle, listDecks, type RehearseDb } from '../../storage/index.ts';
import { StudyScreen } from '../study/StudyScreen.tsx';

export function CustomStudyRoute({ db, spec: text, onError }: { db: RehearseDb; spec: string; onError(error: unknown): void }) {
  const parsed = useMemo((): CustomSpec | string => {
    try {
      return parseCustomSpec(text);
    } catch (error) {
      if (error instanceof CustomSpecError) return error.message;
      throw error;
    }
  }, [text]);
  const [deckName, setDeckName] = useState<string | null>(null);
  const deckId = typeof parsed === 'string' ? null : parsed.deckId;
  useEffect(() => {
    if (deckId === null) return;
    if (deckId === 'all') return setDeckName('All decks');
    let cancelled = false;
    listDecks(db)
      .then((decks) => {
        const deck = decks.find((d) => d.id === deckId);
        if (!cancelled) setDeckName(deck ? deckTitle(deck) : 'A deck no longer here');
      })
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [db, deckId, onError]);
  // Memoized: a new object at every render would make the screen load its queue again.
  const custom = useMemo(
    () => (typeof parsed === 'string' || deckName === null ? null : { spec: parsed, title: customSessionTitle(parsed, deckName) }),
    [parsed, deckName],
  );

  if (typeof parsed === 'string') {
    return (
      <main className="screen">
        <div className="notice error" role="alert">
          {parsed}
        </div>
        <p>
          <a href="#/">Back to decks</a>
        </p>
      </main>
    );
  }
  if (!custom) {
    return (
      <main className="screen" aria-busy="true">
        <p className="muted">Loading cards…</p>
      </main>
    );
  }
  return <StudyScreen db={db} deckId={parsed.deckId} custom={custom} onError={onError} />;
}

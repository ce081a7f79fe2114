// "Study these 38 cards" under the browser's search: a custom session of the matching cards
// (suspended and removed ones left out, so the number is the session's own), not rescheduling
// unless the user turns it on in the session's link.
import { useEffect, useState } from 'react';
import { formatCustomSpec, type CustomSpec } from '../../core/study/customSession.ts';
import type { BrowseQuery } from '../../storage/browse.ts';
import { customStudyCount } from '../../storage/customStudy.ts';
import type { RehearseDb } from '../../storage/index.ts';
import './custom.css';

/** The session a browser query stands for. */
export function searchSpec(query: BrowseQuery, reschedule: boolean): CustomSpec {
  const { text, tag, state, due, sort, descending } = query;
  return { kind: 'search', deckId: query.deckId, reschedule, search: { text: text.trim(), tag, state, due, sort, descending } };
}

export function StudyTheseCards({ db, query, onError }: { db: RehearseDb; query: BrowseQuery; onError(error: unknown): void }) {
  const [count, setCount] = useState<number | null>(null);
  const [reschedule, setReschedule] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setCount(null);
    customStudyCount(db, searchSpec(query, false), Date.now())
      .then((n) => !cancelled && setCount(n))
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [db, query, onError]);
  if (!count) return null;
  return (
    <p className="study-these">
      <a className="button primary" href={`#/custom/${formatCustomSpec(searchSpec(query, reschedule))}`}>
        Study these {count} card{count === 1 ? '' : 's'}
      </a>{' '}
      <label className="study-these-reschedule">
        <input type="checkbox" checked={reschedule} onChange={(e) => setReschedule(e.target.checked)} /> Reschedule
      </label>
    </p>
  );
}

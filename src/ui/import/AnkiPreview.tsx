// The import screen's preview of an Anki package (.apkg, .colpkg), in place of a note's cut and
// card list: each deck with Anki's counts, the answers in its history, its media, how well the
// FSRS states rebuilt from the answers match Anki's, warnings, and one Import button; then the
// result, with a way to study each deck.
import { useId } from 'react';
import type { AnkiImportResult } from '../../workers/importProtocol.ts';
import { StudyLinks } from './StudyLinks.tsx';
import { agreementSentence, ankiImportLabel, ankiPlanSentence, ankiWarningLines, answersSentence, cardsWord, deckCounts, mediaSentence } from './ankiLib.ts';

export interface AnkiPreviewItem {
  key: number;
  name: string;
  status: 'anki-ready' | 'anki-importing';
  result: AnkiImportResult;
  /** Ids of the package's decks already in the app (a re-import updates them). */
  existing: ReadonlySet<string>;
  /** Why the last Import failed, in one sentence; nothing was written. */
  failure?: string;
}

export interface AnkiImportedItem {
  key: number;
  name: string;
  status: 'anki-imported';
  decks: Array<{ id: string; title: string }>;
  /** "6 cards and 23 answers", "No changes". */
  summary: string;
}

export function AnkiPreview({ item, onImport, onRemove }: { item: AnkiPreviewItem; onImport(): void; onRemove(): void }) {
  const headingId = useId();
  const planId = useId();
  const { summary, decks } = item.result;
  const busy = item.status === 'anki-importing';
  const cards = summary.decks.reduce((sum, d) => sum + d.cards, 0);
  const warnings = ankiWarningLines(item.result.warnings, decks);
  const agreement = agreementSentence(summary.agreement);
  const plan = ankiPlanSentence(summary.decks.map((d) => ({ title: d.title, exists: item.existing.has(d.id) })));
  return (
    <section className="import-item preview anki-preview" aria-labelledby={headingId} data-preview="anki">
      <h3 id={headingId}>{item.name}</h3>
      <p className="muted anki-kind">
        {summary.kind === 'colpkg' ? 'A whole Anki collection' : 'An Anki deck package'} · {decks.length === 1 ? '1 deck' : `${decks.length} decks`},{' '}
        {cardsWord(cards)}
      </p>
      <ul className="anki-decks" aria-label={`Decks in ${item.name}`}>
        {summary.decks.map((deck) => (
          <li key={deck.id} className="anki-deck" data-anki-deck={deck.id}>
            <span className="anki-deck-title">{deck.title}</span>
            <span className="anki-deck-counts">
              <span className="muted">{cardsWord(deck.cards)}</span>
              {deckCounts(deck).map((count) => (
                <span key={count.kind} className={`anki-count ${count.kind}`}>
                  {count.label}
                </span>
              ))}
              {item.existing.has(deck.id) && <span className="muted anki-deck-update">· updates</span>}
            </span>
          </li>
        ))}
      </ul>
      <dl className="preview-facts">
        <dt>History</dt>
        <dd data-testid="anki-answers">{answersSentence(summary)}</dd>
        <dt>Media</dt>
        <dd data-testid="anki-media">
          {mediaSentence(summary.media)}
        </dd>
        {agreement && (
          <>
            <dt>FSRS</dt>
            <dd data-testid="anki-agreement">{agreement}</dd>
          </>
        )}
      </dl>
      {warnings.length > 0 && (
        <div className="import-warnings">
          <h4>Worth knowing</h4>
          <ul>
            {warnings.map((w) => (
              <li key={w.ruleId} data-rule={w.ruleId}>
                {w.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.failure && (
        <p role="alert" className="import-error">
          {item.failure}
        </p>
      )}
      <p className="muted anki-plan" id={planId} data-testid="anki-plan">
        {plan}
      </p>
      <div className="import-actions">
        <button type="button" className="primary" disabled={busy || decks.length === 0} aria-describedby={planId} onClick={onImport}>
          {busy ? 'Importing…' : ankiImportLabel(decks.length)}
        </button>
        <button type="button" onClick={onRemove} disabled={busy} aria-describedby={headingId}>
          Cancel
        </button>
      </div>
    </section>
  );
}

export function AnkiImported({ item }: { item: AnkiImportedItem }) {
  const headingId = useId();
  const one = item.decks.length === 1 ? item.decks[0] : undefined;
  return (
    <section className="import-item done" aria-labelledby={headingId}>
      <h3 id={headingId}>{item.name}</h3>
      <p role="status">
        Imported {one ? `“${one.title}”` : `${item.decks.length} decks`}: {item.summary}.
      </p>
      <StudyLinks decks={item.decks} />
    </section>
  );
}

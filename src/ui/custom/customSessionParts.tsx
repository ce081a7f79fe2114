// What the study screen adds for a custom session: the line naming it ("Cram · Networking ·
// 12 left", "Not rescheduling"), its end summary, and the cards it has left, kept in this tab's
// sessionStorage so a reload resumes the session where it was.
import type { SessionTally } from '../../core/review/session.ts';
import type { CustomSpec } from '../../core/study/customSession.ts';
import './custom.css';

const LEFT_PREFIX = 'rehearse.custom-left:';

/** The cards a session under way had left, in order; undefined when none was saved (a new session). */
export function readCustomLeft(key: string): string[] | undefined {
  try {
    const raw = sessionStorage.getItem(LEFT_PREFIX + key);
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    return Array.isArray(value) && value.every((id) => typeof id === 'string') ? value : undefined;
  } catch {
    return undefined; // Storage blocked or the entry unreadable: the session starts afresh.
  }
}

export function writeCustomLeft(key: string, left: readonly string[]): void {
  try {
    sessionStorage.setItem(LEFT_PREFIX + key, JSON.stringify(left));
  } catch {
    // Storage blocked or full: the session goes on; a reload would start it afresh.
  }
}

export function CustomSessionLine({ title, spec, left }: { title: string; spec: CustomSpec; left: number | undefined }) {
  return (
    <p className="custom-session-line" data-reschedule={spec.reschedule ? 'true' : 'false'}>
      <span className="custom-session-title">
        {title}
        {left !== undefined && ` · ${left} left`}
      </span>{' '}
      <span className={`custom-session-mode${spec.reschedule ? ' reschedules' : ''}`}>{spec.reschedule ? 'Rescheduling' : 'Not rescheduling'}</span>
    </p>
  );
}

export function CustomSessionEnd({ title, spec, tally }: { title: string; spec: CustomSpec; tally: SessionTally }) {
  const cards = (n: number) => `${n} card${n === 1 ? '' : 's'}`;
  return (
    <div className="session-end" role="status">
      <h2>{tally.answered > 0 ? 'Session done' : 'Nothing to study'}</h2>
      <p>{title}</p>
      {tally.answered > 0 ? (
        <p>
          You answered {cards(tally.answered)}
          {tally.again > 0 ? `, ${tally.again} of them Again` : ', none of them Again'}.
        </p>
      ) : (
        <p>No card fits this session right now.</p>
      )}
      <p>
        {spec.reschedule
          ? 'These answers counted as usual: the cards are scheduled from them.'
          : 'Not rescheduled: every card keeps its schedule. The answers are kept in the log as practice.'}
      </p>
      <p>
        <a href="#/">Back to decks</a>
      </p>
    </div>
  );
}

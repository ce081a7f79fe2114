// Settings → FSRS parameters: fit personal parameters to the user's own review log (fsrs-browser in
// a worker, offline), compare them with the ones in use on that same log, and use them only when
// the user says so; then, if the user wants, reschedule existing cards with them.
import { useEffect, useRef, useState } from 'react';
import { default_w } from 'ts-fsrs';
import { columnsFromEvents } from '../../core/optimizer/columns.ts';
import type { Fit } from '../../core/optimizer/evaluate.ts';
import { optimizerReadiness, type Readiness } from '../../core/optimizer/readiness.ts';
import { longTermReviewCount, reviewSequences, type ReviewEvent } from '../../core/optimizer/trainingData.ts';
import { rescheduleCards, reviewEventsForOptimizer } from '../../storage/fsrsParameters.ts';
import { loadSettings, saveSettings, type RehearseDb } from '../../storage/index.ts';
import type { OptimizerStage } from '../../workers/optimizerProtocol.ts';
import { runOptimizer, type FinalResponse } from './optimizerClient.ts';
import './optimizer.css';

interface Props {
  db: RehearseDb;
  onError(error: unknown): void;
  /** Called after parameters were saved (the settings screen re-reads its settings). */
  onSaved?(): void;
}

type Proposal = Extract<FinalResponse, { type: 'done' }>;

const STAGES: Record<OptimizerStage, string> = {
  preparing: 'Reading your reviews',
  loading: 'Loading the optimizer',
  training: 'Training',
  evaluating: 'Comparing the parameters on your reviews',
};

function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

export default function FsrsParametersSection({ db, onError, onSaved }: Props) {
  const [weights, setWeights] = useState<number[] | undefined>();
  const [events, setEvents] = useState<ReviewEvent[] | null>(null);
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [dayStartHour, setDayStartHour] = useState(4);
  const [progress, setProgress] = useState<{ stage: OptimizerStage; fraction: number; epoch?: number; epochs?: number } | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [message, setMessage] = useState('');
  const [applied, setApplied] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const cancel = useRef<(() => void) | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([loadSettings(db), reviewEventsForOptimizer(db)]).then(([settings, log]) => {
      if (cancelled) return;
      setWeights(settings.fsrsWeights);
      setDayStartHour(settings.dayStartHour);
      setEvents(log);
      setReadiness(optimizerReadiness(longTermReviewCount(reviewSequences(log, settings.dayStartHour, db.timeZone))));
    }, onError);
    return () => {
      cancelled = true;
      cancel.current?.();
    };
  }, [db, onError]);

  const current = weights ?? [...default_w];

  const optimize = async () => {
    if (!events) return;
    setProposal(null);
    setApplied(false);
    setMessage('');
    setProgress({ stage: 'preparing', fraction: 0 });
    const run = runOptimizer({ log: columnsFromEvents(events), current, dayStartHour }, (p) =>
      setProgress({ stage: p.stage, fraction: p.fraction, ...(p.epoch !== undefined ? { epoch: p.epoch } : {}), ...(p.epochs !== undefined ? { epochs: p.epochs } : {}) }),
    );
    cancel.current = run.cancel;
    const result = await run.result;
    cancel.current = null;
    setProgress(null);
    if (result.type === 'done') setProposal(result);
    else if (result.type === 'not-enough') setMessage(result.readiness.message);
    else setMessage(`The optimizer stopped: ${result.message}`);
  };

  const use = () => {
    if (!proposal) return;
    saveSettings(db, { fsrsWeights: proposal.fitted }).then((s) => {
      setWeights(s.fsrsWeights);
      setApplied(true);
      setProposal(null);
      setMessage('Your parameters are in use: every answer from now on is scheduled with them. Existing due dates stay as they are.');
      onSaved?.();
    }, onError);
  };

  const restoreDefaults = () => {
    saveSettings(db, { fsrsWeights: undefined }).then((s) => {
      setWeights(s.fsrsWeights);
      setApplied(true);
      setMessage('Back to the default parameters for future answers.');
      onSaved?.();
    }, onError);
  };

  const reschedule = () => {
    setRescheduling(true);
    rescheduleCards(db).then(
      (r) => {
        setRescheduling(false);
        setApplied(false);
        setMessage(`Rescheduled ${r.cards.toLocaleString('en')} studied cards from their history; ${r.moved.toLocaleString('en')} due dates moved.`);
      },
      (e: unknown) => {
        setRescheduling(false);
        onError(e);
      },
    );
  };

  const running = progress !== null;
  return (
    <fieldset className="fsrs-parameters">
      <legend>FSRS parameters</legend>
      <p>
        {weights ? 'Your own parameters, fitted to your reviews, schedule your cards.' : 'The default parameters schedule your cards.'}{' '}
        <span className="muted">“Optimize” fits them to your own review history, on this device; nothing is sent anywhere.</span>
      </p>
      {readiness && !readiness.ready && <p className="muted" data-testid="optimizer-readiness">{readiness.message}</p>}
      <div className="fsrs-actions">
        <button type="button" className="primary" onClick={optimize} disabled={running || !readiness?.ready}>
          Optimize
        </button>
        {running && <button type="button" onClick={() => cancel.current?.()}>Stop</button>}
        {weights && !running && <button type="button" onClick={restoreDefaults}>Use the defaults</button>}
      </div>

      {progress && (
        <div className="optimizer-progress">
          <label htmlFor="optimizer-progress">
            {STAGES[progress.stage]}
            {progress.stage === 'training' && progress.epoch ? `: pass ${progress.epoch} of ${progress.epochs ?? 5}` : ''}…
          </label>
          <progress id="optimizer-progress" max={1} value={progress.fraction} />
        </div>
      )}

      <p role="status" aria-live="polite" className="optimizer-message">{message}</p>

      {applied && weights && (
        <div className="notice">
          <p>
            Existing cards keep the due dates they have (the default). You can instead recompute every studied card’s
            due date from its history with the new parameters.
          </p>
          <button type="button" onClick={reschedule} disabled={rescheduling}>
            {rescheduling ? 'Rescheduling…' : 'Reschedule existing cards'}
          </button>
        </div>
      )}

      {proposal && <ProposalView proposal={proposal} onUse={use} onKeep={() => {
        setProposal(null);
        setMessage('Kept the current parameters.');
      }} usingDefaults={!weights} />}
    </fieldset>
  );
}

function FitRow({ name, current, fitted }: { name: string; current: number; fitted: number }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{fmt(current)}</td>
      <td>{fmt(fitted)}</td>
    </tr>
  );
}

function ProposalView({ proposal, onUse, onKeep, usingDefaults }: { proposal: Proposal; onUse(): void; onKeep(): void; usingDefaults: boolean }) {
  const better = (a: Fit, b: Fit) => b.logLoss < a.logLoss;
  const improves = better(proposal.currentFit, proposal.fittedFit);
  const oldName = usingDefaults ? 'Default' : 'Current';
  return (
    <section className="optimizer-result" aria-label="Optimized parameters">
      <h3>New parameters</h3>
      <p>
        Fitted on {proposal.readiness.reviews.toLocaleString('en')} reviews in {(proposal.trainMs / 1000).toFixed(1)} s.{' '}
        {improves
          ? 'They predict your reviews better than the ones in use.'
          : 'They do not predict your reviews better than the ones in use; keeping the current ones is recommended.'}
      </p>
      <table className="fit-table">
        <caption className="visually-hidden">How well each set predicts your reviews (lower is better)</caption>
        <thead>
          <tr><th scope="col">Lower is better</th><th scope="col">{oldName}</th><th scope="col">New</th></tr>
        </thead>
        <tbody>
          <FitRow name="Log loss" current={proposal.currentFit.logLoss} fitted={proposal.fittedFit.logLoss} />
          <FitRow name="RMSE (bins)" current={proposal.currentFit.rmseBins} fitted={proposal.fittedFit.rmseBins} />
        </tbody>
      </table>
      <details>
        <summary>The 21 parameters</summary>
        <table className="weights-table">
          <thead><tr><th scope="col">w</th><th scope="col">{oldName}</th><th scope="col">New</th></tr></thead>
          <tbody>
            {proposal.fitted.map((w, i) => (
              <tr key={i}><th scope="row">{i}</th><td>{fmt(proposal.current[i] ?? NaN)}</td><td>{fmt(w)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="fsrs-actions">
        <button type="button" className="primary" onClick={onUse}>Use these parameters</button>
        <button type="button" onClick={onKeep}>Keep the current ones</button>
      </div>
    </section>
  );
}

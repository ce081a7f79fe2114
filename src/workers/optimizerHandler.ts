// The optimizer worker's work as a plain function (tested in Node): turn the log into sequences,
// check there is enough of it, fit with fsrs-browser, and score the current and the fitted
// parameters on the same log.
import { evaluateParameters, roundParameters } from '../core/optimizer/evaluate.ts';
import { optimizerReadiness } from '../core/optimizer/readiness.ts';
import { longTermReviewCount, packItems, reviewSequences, trainingItems } from '../core/optimizer/trainingData.ts';
import { fitParameters, loadFsrsWasm } from './fsrsWasm.ts';
import { eventsFromColumns } from '../core/optimizer/columns.ts';
import type { OptimizeRequest, OptimizerResponse } from './optimizerProtocol.ts';

/** Runs one request, posting progress and, last, one `done`, `not-enough` or `error`. */
export async function handleOptimizeRequest(
  request: OptimizeRequest,
  post: (message: OptimizerResponse) => void,
  options: { wasm?: BufferSource; clock?: () => number } = {},
): Promise<void> {
  const clock = options.clock ?? (() => performance.now());
  try {
    post({ type: 'progress', stage: 'preparing', fraction: 0 });
    const sequences = reviewSequences(eventsFromColumns(request.log), request.dayStartHour);
    const readiness = optimizerReadiness(longTermReviewCount(sequences), request.minimumReviews);
    if (!readiness.ready) {
      post({ type: 'not-enough', readiness });
      return;
    }
    const items = trainingItems(sequences);
    post({ type: 'progress', stage: 'loading', fraction: 0.02 });
    await loadFsrsWasm(options.wasm);
    post({ type: 'progress', stage: 'training', fraction: 0.05, epoch: 0 });
    const started = clock();
    const raw = fitParameters(packItems(items), (p) =>
      post({ type: 'progress', stage: 'training', fraction: 0.05 + 0.85 * p.fraction, epoch: p.epoch, epochs: p.epochs }),
    );
    const trainMs = clock() - started;
    const fitted = roundParameters(raw);
    post({ type: 'progress', stage: 'evaluating', fraction: 0.92 });
    const currentFit = evaluateParameters(request.current, sequences);
    post({ type: 'progress', stage: 'evaluating', fraction: 0.96 });
    const fittedFit = evaluateParameters(fitted, sequences);
    post({ type: 'done', readiness, fitted, current: request.current, currentFit, fittedFit, items: items.length, trainMs });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

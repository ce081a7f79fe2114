// How well a set of FSRS parameters predicts a review log: for every answer given on a later day
// than the one before it, the recall probability the parameters predicted from the card's earlier
// answers, against what happened (Again = forgotten). Log loss and RMSE over 20 bins of predicted
// recall, as fsrs-rs and the FSRS benchmark report them. Lower is better for both.

import { fsrs, generatorParameters, type FSRS, type FSRSState } from 'ts-fsrs';
import type { ReviewSequence } from './trainingData.ts';

/** Fit of one parameter set on one log. */
export interface Fit {
  /** Mean binary cross-entropy of the predicted recall (lower is better). */
  logLoss: number;
  /** Root mean square calibration error over 20 bins of predicted recall, weighted by count. */
  rmseBins: number;
  /** Predictions scored. */
  count: number;
}

function algorithmFor(weights: readonly number[]): FSRS {
  return fsrs(generatorParameters({ w: [...weights], enable_short_term: true, enable_fuzz: false }));
}

const BINS = 20;
const EPS = 1e-6;

/** Scores `weights` on `sequences` (each card's full answer sequence). */
export function evaluateParameters(weights: readonly number[], sequences: readonly ReviewSequence[]): Fit {
  const algorithm = algorithmFor(weights);
  let loss = 0;
  let count = 0;
  const binCount = new Float64Array(BINS);
  const binPredicted = new Float64Array(BINS);
  const binActual = new Float64Array(BINS);
  for (const seq of sequences) {
    let state: FSRSState | null = null;
    for (let i = 0; i < seq.length; i++) {
      const { rating, deltaT } = seq[i]!;
      if (state !== null && deltaT > 0) {
        const p = Math.min(1 - EPS, Math.max(EPS, algorithm.forgetting_curve(deltaT, state.stability)));
        const y = rating > 1 ? 1 : 0;
        loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
        count++;
        const bin = Math.min(BINS - 1, Math.floor(p * BINS));
        binCount[bin]!++;
        binPredicted[bin]! += p;
        binActual[bin]! += y;
      }
      state = algorithm.next_state(state, deltaT, rating);
    }
  }
  let squared = 0;
  for (let b = 0; b < BINS; b++) {
    const n = binCount[b]!;
    if (n === 0) continue;
    const diff = binPredicted[b]! / n - binActual[b]! / n;
    squared += n * diff * diff;
  }
  return { logLoss: count ? loss / count : NaN, rmseBins: count ? Math.sqrt(squared / count) : NaN, count };
}

/** Parameters as shown and stored: four decimals, as Anki shows them. */
export function roundParameters(weights: ArrayLike<number>): number[] {
  return Array.from(weights, (w) => Math.round(w * 10_000) / 10_000);
}

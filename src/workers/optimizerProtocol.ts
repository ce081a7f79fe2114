// Messages between the FSRS parameters screen and the optimizer worker. Types only.
import type { Fit } from '../core/optimizer/evaluate.ts';
import type { Readiness } from '../core/optimizer/readiness.ts';
import type { ReviewColumns } from '../core/optimizer/columns.ts';

export interface OptimizeRequest {
  type: 'optimize';
  log: ReviewColumns;
  /** The parameters in use (the library defaults when the user has none). */
  current: number[];
  dayStartHour: number;
  /** Override of the minimum (tests). */
  minimumReviews?: number;
}

export type OptimizerStage = 'preparing' | 'loading' | 'training' | 'evaluating';

export type OptimizerResponse =
  | { type: 'progress'; stage: OptimizerStage; fraction: number; epoch?: number; epochs?: number }
  | { type: 'not-enough'; readiness: Readiness }
  | {
      type: 'done';
      readiness: Readiness;
      fitted: number[];
      current: number[];
      currentFit: Fit;
      fittedFit: Fit;
      /** Training items given to the optimizer. */
      items: number;
      trainMs: number;
    }
  | { type: 'error'; message: string };

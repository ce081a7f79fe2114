// Runs the optimizer worker for one request and hands back its messages. A new worker per run,
// ended when the run ends, so its WebAssembly memory is freed.
import type { ReviewColumns } from '../../core/optimizer/columns.ts';
import type { OptimizeRequest, OptimizerResponse } from '../../workers/optimizerProtocol.ts';

export type FinalResponse = Extract<OptimizerResponse, { type: 'done' | 'not-enough' | 'error' }>;

/** Starts a run; `onProgress` gets progress messages; the promise settles with the last message. */
export function runOptimizer(
  request: Omit<OptimizeRequest, 'type'>,
  onProgress: (message: Extract<OptimizerResponse, { type: 'progress' }>) => void,
): { result: Promise<FinalResponse>; cancel(): void } {
  const worker = new Worker(new URL('../../workers/optimizerWorker.ts', import.meta.url), { type: 'module', name: 'optimizer' });
  let settle: (r: FinalResponse) => void = () => {};
  const result = new Promise<FinalResponse>((resolve) => (settle = resolve));
  worker.addEventListener('message', (event: MessageEvent<OptimizerResponse>) => {
    const m = event.data;
    if (m.type === 'progress') onProgress(m);
    else {
      worker.terminate();
      settle(m);
    }
  });
  worker.addEventListener('error', (event) => {
    worker.terminate();
    settle({ type: 'error', message: event.message || 'The optimizer could not start in this browser.' });
  });
  const log: ReviewColumns = request.log;
  worker.postMessage({ type: 'optimize', ...request } satisfies OptimizeRequest, [log.card.buffer, log.rating.buffer, log.reviewedAt.buffer, log.fromNew.buffer]);
  return {
    result,
    cancel() {
      worker.terminate();
      settle({ type: 'error', message: 'Stopped.' });
    },
  };
}

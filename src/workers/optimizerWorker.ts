// Web Worker entry: fits personal FSRS parameters off the main thread. Loaded only when the user
// presses "Optimize"; the WebAssembly it loads is precached, so this works offline.
/// <reference lib="webworker" />
import { handleOptimizeRequest } from './optimizerHandler.ts';
import type { OptimizeRequest, OptimizerResponse } from './optimizerProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let queue = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<OptimizeRequest>) => {
  if (event.data?.type !== 'optimize') return; // fsrs-browser's thread helper listens here too
  const request = event.data;
  queue = queue.then(() => handleOptimizeRequest(request, (message: OptimizerResponse) => scope.postMessage(message)));
});

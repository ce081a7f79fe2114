// fsrs-browser (the reference FSRS optimizer, fsrs-rs, compiled to WebAssembly) behind two calls:
// load it, and fit parameters with progress. Runs single-threaded: its thread pool would need the
// page to be cross-origin isolated, which a static host cannot promise. Used by the optimizer
// worker and, with the bytes read from node_modules, by the Node test.
import init, { Fsrs, getProgress, initSync, Progress, type InitOutput } from 'fsrs-browser';
import type { PackedItems } from '../core/optimizer/trainingData.ts';

let loaded: InitOutput | undefined;

/**
 * Instantiates the WebAssembly once. Without `bytes` it is fetched from the URL the bundler gave
 * it (precached by the service worker, so this works offline).
 */
export async function loadFsrsWasm(bytes?: BufferSource): Promise<void> {
  if (loaded) return;
  loaded = bytes ? initSync({ module: bytes }) : await init();
}

/** Training progress: `fraction` of the work done, after `epoch` of `epochs`. */
export interface TrainingProgress {
  epoch: number;
  epochs: number;
  fraction: number;
}

/** fsrs-rs trains for this many epochs (its `TrainingConfig` default); read from the log when it says. */
const EPOCHS = 5;

/**
 * Fits FSRS parameters to the items (fsrs-browser `computeParameters`, short-term reviews on).
 * Synchronous and long: call it in a worker. fsrs-rs reports each finished epoch on the console;
 * that is the only signal it gives while it runs in this thread, so it becomes `onProgress`.
 */
export function fitParameters(items: PackedItems, onProgress?: (p: TrainingProgress) => void): Float32Array {
  if (!loaded) throw new Error('fsrs-browser is not loaded: call loadFsrsWasm first');
  const memory = loaded.memory;
  const progress = Progress.new();
  const pointer = progress.pointer();
  // fsrs-rs logs through the `log` crate; wasm-bindgen sends it to console.info or console.log.
  const saved = { log: console.log, info: console.info };
  const listen =
    (forward: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const m = /^epoch:?\s*(\d+)/i.exec(String(args[0]));
      if (!m) return forward.apply(console, args);
      const epoch = Number(m[1]);
      let fraction = epoch / EPOCHS;
      try {
        const { itemsProcessed, itemsTotal } = getProgress(memory.buffer as ArrayBuffer, pointer);
        if (itemsTotal > 0 && itemsProcessed <= itemsTotal) fraction = itemsProcessed / itemsTotal;
      } catch {
        // The counter is a convenience; the epoch count is enough.
      }
      onProgress?.({ epoch, epochs: Math.max(EPOCHS, epoch), fraction: Math.min(1, fraction) });
    };
  console.log = listen(saved.log);
  console.info = listen(saved.info);
  try {
    return new Fsrs().computeParameters(items.ratings, items.deltaTs, items.lengths, progress, true);
  } finally {
    console.log = saved.log;
    console.info = saved.info;
  }
}

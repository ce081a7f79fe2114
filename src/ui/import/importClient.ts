// The import screen's handle on the import worker: one worker per screen, requests answered in
// order, progress passed to a callback.
import type { SchedulerSettings } from '../../core/scheduling/settings.ts';
import type { ImportCut, ImportPhase, ImportRequest, ImportResponse, ImportResult, ImportSource } from '../../workers/importProtocol.ts';

export interface ImportProgress {
  phase: ImportPhase;
  loaded: number;
  total: number;
}

export class ImportClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(result: ImportResult): void; onProgress(p: ImportProgress): void }>();
  /** Requests whose `done` came with `cut.pending`: the counted choices are still to come. */
  private readonly awaitingChoices = new Map<number, (cut: ImportCut | undefined) => void>();

  constructor() {
    this.worker = new Worker(new URL('../../workers/importWorker.ts', import.meta.url), { type: 'module', name: 'import' });
    this.worker.addEventListener('message', (event: MessageEvent<ImportResponse>) => {
      const message = event.data;
      if (message.type === 'choices') {
        const onChoices = this.awaitingChoices.get(message.id);
        this.awaitingChoices.delete(message.id);
        onChoices?.(message.cut);
        return;
      }
      const entry = this.pending.get(message.id);
      if (!entry) return;
      if (message.type === 'progress') entry.onProgress(message);
      else {
        this.pending.delete(message.id);
        entry.resolve(message.result);
      }
    });
    this.worker.addEventListener('error', (event) => {
      // A worker that fails to load (or crashes) answers every waiting request with the reason.
      const message = event.message || 'The import worker stopped.';
      for (const [id, entry] of this.pending) {
        this.pending.delete(id);
        entry.resolve({ ok: false, name: '', code: 'failed', message });
      }
    });
  }

  /**
   * Reads one file or pasted text into a deck (or the reason it cannot be imported), cut where
   * `options.cutAt` says ("Cut cards at"; auto by default). Sending the same source again with
   * another `cutAt` re-cuts it.
   */
  read(
    source: ImportSource,
    options: { cutAt?: string; settings?: SchedulerSettings; onProgress?(p: ImportProgress): void; onChoices?(cut: ImportCut | undefined): void } = {},
  ): Promise<ImportResult> {
    const id = this.nextId++;
    const onProgress = options.onProgress ?? (() => {});
    // Registered before the request, since the choices follow the result at once.
    if (options.onChoices) this.awaitingChoices.set(id, options.onChoices);
    return new Promise((resolve) => {
      this.pending.set(id, {
        resolve: (result) => {
          if (!(result.ok && result.kind === 'note' && result.cut.pending)) this.awaitingChoices.delete(id);
          resolve(result);
        },
        onProgress,
      });
      const request: ImportRequest = {
        id,
        source,
        ...(options.cutAt && options.cutAt !== 'auto' ? { cutAt: options.cutAt } : {}),
        ...(options.settings ? { settings: options.settings } : {}),
      };
      this.worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker.terminate();
    this.pending.clear();
    this.awaitingChoices.clear();
  }
}

// Trains the real optimizer (fsrs-browser's WebAssembly, single-threaded, as in the worker) on a
// review log generated from a known memory model, and checks the fitted parameters predict that
// log better than the defaults do.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { columnsFromEvents, EXAMPLE_TRUE_WEIGHTS, simulateReviewLog } from '../../src/core/optimizer/index.ts';
import type { OptimizerResponse } from '../../src/workers/optimizerProtocol.ts';

type Handler = typeof import('../../src/workers/optimizerHandler.ts');
let handler: Handler;
let wasm: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  // fsrs-browser's thread helper listens on `self` when it is imported; Node has no `self`.
  const g = globalThis as unknown as { self?: unknown; addEventListener?: unknown };
  g.self ??= globalThis;
  g.addEventListener ??= () => undefined;
  handler = await import('../../src/workers/optimizerHandler.ts');
  const pkg = dirname(createRequire(import.meta.url).resolve('fsrs-browser/package.json'));
  wasm = new Uint8Array(readFileSync(join(pkg, "fsrs_browser_bg.wasm")));
});

async function run(events: ReturnType<typeof simulateReviewLog>, minimumReviews?: number): Promise<OptimizerResponse[]> {
  const messages: OptimizerResponse[] = [];
  await handler.handleOptimizeRequest(
    { type: 'optimize', log: columnsFromEvents(events), current: [...default_w], dayStartHour: 4, ...(minimumReviews ? { minimumReviews } : {}) },
    (m) => messages.push(m),
    { wasm },
  );
  return messages;
}

describe('the optimizer on a generated log', () => {
  it('fits parameters that predict the log better than the defaults', async () => {
    const log = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: 500, days: 365, firstDay: 19_000, dayStartHour: 4 });
    const messages = await run(log);
    const done = messages.at(-1)!;
    if (done.type !== 'done') throw new Error(`expected a result, got ${JSON.stringify(done)}`);
    expect(done.fitted).toHaveLength(21);
    expect(done.fitted).not.toEqual(done.current);
    expect(done.fittedFit.count).toBe(done.currentFit.count);
    expect(done.fittedFit.logLoss).toBeLessThan(done.currentFit.logLoss);
    expect(done.fittedFit.rmseBins).toBeLessThan(done.currentFit.rmseBins);
    // Progress went forward through every stage, epoch by epoch.
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.map((m) => m.stage)).toEqual(expect.arrayContaining(['preparing', 'loading', 'training', 'evaluating']));
    const fractions = progress.map((m) => m.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.filter((m) => m.stage === 'training' && (m.epoch ?? 0) > 0).length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('says how many more reviews are needed on a short log', async () => {
    const log = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: 10, days: 30, firstDay: 19_000, dayStartHour: 4 });
    const messages = await run(log);
    const last = messages.at(-1)!;
    expect(last.type).toBe('not-enough');
    if (last.type === 'not-enough') expect(last.readiness.message).toMatch(/\d+ more reviews? needed/);
  });
});

// What the bench page (bench/appBench.ts) offers the Node driver (scripts/bench-app.ts) as
// `window.rehearseBench`, and what the marks script leaves in `window.__benchMarks`.

/** What seeding wrote and how long it took. */
export interface SeedReport {
  decks: number;
  cards: number;
  reviewLogs: number;
  logsToday: number;
  /** Card states by FSRS state (0 New, 1 Learning, 2 Review, 3 Relearning). */
  byState: [number, number, number, number];
  suspended: number;
  /** Active cards seen before and due before the study day ends (what the queue reads). */
  dueToday: number;
  /** Simulating the histories; from the second deck on, while the previous deck is written. */
  generateMs: number;
  /** The rest of the seeding: waiting on the Dexie `bulkPut` writes. */
  writeMs: number;
}

/** Times in ms, one per run, each operation interleaved with its bare baseline. */
export interface QueryTimes {
  studyQueue: number[];
  bareFirst50Due: number[];
  deckCounts: number[];
  bareCountPerDeck: number[];
  /** Bare getAll of every seen card due today: the read studyQueue and deckCounts both make. */
  bareDueRange: number[];
  /** Bare: the first due reviews up to the all-decks cap and each one's content (get per card): what the queue returns. */
  bareQueueRows: number[];
  recordReview: number[];
  bareWrite: number[];
  /** Sizes seen, to check the runs did real work. */
  queueLearning: number;
  queueMain: number;
  decksCounted: number;
  /** Rows due before the day ends (`dueAt` range): what studyQueue and deckCounts avoid reading whole. */
  dueRowsRead: number;
}

export interface BenchApi {
  seed(): Promise<SeedReport>;
  timeQueries(runs: number): Promise<QueryTimes>;
  /** BENCH_PROFILE=1: each read the two queries make, timed alone (name → ms per run). */
  profileQueries(runs: number): Promise<Record<string, number[]>>;
}

/** Left by the marks script in the app page and the bare page. */
export interface BenchMarks {
  /** ms from navigation start to the frame after the first `[data-card-id]` appeared (then painted). */
  firstCard: number | null;
  /** ms from navigation start to the frame after the deck list's counts (`.deck-list [data-count]`) appeared. */
  deckList: number | null;
  /** Per key press "3": ms from the key event to the frame after the next card's DOM commit. */
  grades: Array<{ commit: number; painted: number }>;
}

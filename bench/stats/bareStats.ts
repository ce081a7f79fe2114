// Baseline for `npm run bench:stats`: the least a page of the same origin can do to show the
// statistics of a scope and period. Opens the app's database with bare IndexedDB calls, reads the
// same summary rows and index counts the statistics screen reads, and paints one line.
// Hash: #all:30, #<deck id>:365.

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function main(): Promise<void> {
  // In the hash, not the query: the service worker's precache matches the URL without a query only.
  const [scope = 'all', days = 30] = location.hash.slice(1).split(':').map((p, i) => (i === 1 ? Number(p) : p)) as [string, number];
  const now = Date.now();
  const offset = -new Date(now).getTimezoneOffset() * 60_000;
  // Day numbers as the app cuts them with its default 4:00 day start.
  const today = Math.floor((now + offset - 4 * HOUR) / DAY);
  const todayStart = today * DAY + 4 * HOUR - offset;
  const status = document.getElementById('root')!;
  status.textContent = 'opening the database…';
  const open = indexedDB.open('rehearse');
  open.onblocked = () => (status.textContent = 'the open is blocked by another connection');
  const db = await request(open);
  // bench:stats's tap baseline starts here: a tap in the open app finds the database open.
  (window as unknown as { __bareStarted: number }).__bareStarted = performance.now();
  status.textContent = 'reading…';
  const tx = db.transaction(['daySummaries', 'dueDays', 'cardSummaries', 'decks', 'settings', 'cardStates', 'summaryMeta'], 'readonly');
  const key = scope === 'all' ? '*' : scope;
  const states = tx.objectStore('cardStates');
  // Overdue cards on the due-time indexes; the coming 30 days from the due-day rows.
  const overdue = ['learnDue', 'reviewDue'].map((lane) =>
    scope === 'all'
      ? request(states.index(lane).count(IDBKeyRange.upperBound(todayStart, true)))
      : request(states.index(`[deckId+${lane}]`).count(IDBKeyRange.bound([scope, -Infinity], [scope, todayStart], false, true))),
  );
  const [rows, cards] = await Promise.all([
    request(tx.objectStore('daySummaries').getAll(IDBKeyRange.bound([key, today - days + 1], [key, today]))),
    scope === 'all' ? request(tx.objectStore('cardSummaries').getAll()) : request(tx.objectStore('cardSummaries').getAll(scope)),
    request(tx.objectStore('dueDays').getAll(IDBKeyRange.bound([key, today], [key, today + 29]))),
    request(tx.objectStore('decks').getAll()),
    request(tx.objectStore('settings').get('scheduler')),
    request(tx.objectStore('summaryMeta').get('basis')),
    request(states.index('buried').getAll(IDBKeyRange.lowerBound(now, true))),
    ...overdue,
  ]);
  const line = document.createElement('p');
  line.dataset.statsReady = `${scope}:${days}`;
  line.textContent = `${(rows as unknown[]).length} day rows, ${(cards as unknown[]).length} deck rows`;
  status.textContent = '';
  status.append(line);
}

main().catch((error: unknown) => {
  document.body.textContent = `bare baseline failed: ${String(error)}`;
});

export {};

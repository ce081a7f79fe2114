// Baseline for figure 1 of `npm run bench:app`: the least a page of the same origin can do to show
// a due card. Opens the app's 'rehearse' database with bare IndexedDB calls, reads the first 50
// due card states from the `dueAt` index and the first card's content, and paints them.

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

interface DueRow {
  cardId: string;
  deckId: string;
  dueAt: number;
}

async function main(): Promise<void> {
  const db = await request(indexedDB.open('rehearse'));
  const tx = db.transaction(['cardStates', 'cards'], 'readonly');
  const due = (await request(tx.objectStore('cardStates').index('dueAt').getAll(IDBKeyRange.upperBound(Date.now()), 50))) as DueRow[];
  const first = due[0];
  const root = document.getElementById('root')!;
  if (!first) {
    root.textContent = 'Nothing due.';
    return;
  }
  const card = (await request(tx.objectStore('cards').get(first.cardId))) as { front: string } | undefined;
  const article = document.createElement('article');
  article.dataset.cardId = first.cardId;
  article.textContent = card?.front ?? first.cardId;
  const list = document.createElement('ol');
  for (const row of due) {
    const item = document.createElement('li');
    item.textContent = `${row.deckId} ${row.cardId} ${new Date(row.dueAt).toISOString()}`;
    list.append(item);
  }
  root.append(article, list);
}

main().catch((error: unknown) => {
  document.body.textContent = `bare baseline failed: ${String(error)}`;
});

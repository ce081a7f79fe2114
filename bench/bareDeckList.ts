// Baseline for the deck-list figure of `npm run bench:app`: the least a page of the same origin
// can do to show every deck's counts. Opens the app's 'rehearse' database with bare IndexedDB
// calls, reads the decks, counts each visible deck's learning and due cards (count() on
// [deckId+learnDue], [deckId+reviewDue]) and its first 20 new cards (the default daily limit:
// getAllKeys on [deckId+newRank]; counting every new card would walk most of the collection), all
// requests in one transaction, and paints one line per deck. No settings, no buried cards, no
// answers of the day: a floor, not the same answer.
import { nextDayStart } from '../src/core/scheduling/day.ts';
import { request } from './idbRequest.ts';

interface DeckRow {
  id: string;
  title: string;
  order: number;
  hidden: boolean;
}

async function main(): Promise<void> {
  const db = await request(indexedDB.open('rehearse'));
  const tx = db.transaction(['decks', 'cardStates'], 'readonly');
  const decks = ((await request(tx.objectStore('decks').getAll())) as DeckRow[]).filter((d) => !d.hidden).sort((a, b) => a.order - b.order);
  // The default day start (4:00 local): the bare page reads no settings.
  const dayEnd = nextDayStart(Date.now(), 4);
  const states = tx.objectStore('cardStates');
  const range = (deckId: string, upper: number) => IDBKeyRange.bound([deckId, -Infinity], [deckId, upper], false, true);
  const count = (index: string, deckId: string) => request(states.index(index).count(range(deckId, dayEnd)));
  const firstNew = async (deckId: string) => (await request(states.index('[deckId+newRank]').getAllKeys(range(deckId, Infinity), 20))).length;
  const counts = await Promise.all(
    decks.map((d) => Promise.all([firstNew(d.id), count('[deckId+learnDue]', d.id), count('[deckId+reviewDue]', d.id)])),
  );
  const list = document.createElement('ul');
  list.className = 'deck-list';
  decks.forEach((d, i) => {
    const [fresh, learning, due] = counts[i]!;
    const item = document.createElement('li');
    item.dataset.deckId = d.id;
    item.innerHTML = `<h3></h3><span data-count="new">${fresh}</span> new <span data-count="learning">${learning}</span> learning <span data-count="due">${due}</span> due`;
    item.querySelector('h3')!.textContent = d.title;
    list.append(item);
  });
  document.getElementById('root')!.append(list);
}

main().catch((error: unknown) => {
  document.body.textContent = `bare baseline failed: ${String(error)}`;
});

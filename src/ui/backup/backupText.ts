// What the backup screens say, apart from making the file (download.ts), so the deck list's
// reminder can say it without loading the backup code until "Back up now" is pressed.

/** "3 decks, 1,204 cards and 5,310 reviews". */
export function countsText(c: { decks: number; cards: number; reviews: number }): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
  return `${n(c.decks, 'deck', 'decks')}, ${n(c.cards, 'card', 'cards')} and ${n(c.reviews, 'review', 'reviews')}`;
}

/** A date as people write it: "10 June 2024". */
export function dateText(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** What the user is told once the file was handed over. */
export function handedOverText(fileName: string, counts?: { decks: number; cards: number; reviews: number }): string {
  const what = counts ? ` (${countsText(counts)})` : '';
  return `Your browser was handed ${fileName}${what} to save, and this counts as your latest backup: keep the file somewhere other than this browser.`;
}

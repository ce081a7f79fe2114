// Saves a Blob as a file through a temporary link (works offline, no server round trip).

/** Starts the browser's download of `blob` as `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; let them finish first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "3 decks, 1,204 cards and 5,310 reviews". */
export function countsText(c: { decks: number; cards: number; reviews: number }): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
  return `${n(c.decks, 'deck', 'decks')}, ${n(c.cards, 'card', 'cards')} and ${n(c.reviews, 'review', 'reviews')}`;
}

/** A date as people write it: "10 June 2024". */
export function dateText(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

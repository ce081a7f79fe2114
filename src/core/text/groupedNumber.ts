/**
 * 4812 → "4,812", without Intl: the first `toLocaleString` of a page spends 60 ms or more loading
 * ICU's locale data, in whatever task happens to format a number first (a preview, a card).
 */
export function groupedNumber(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

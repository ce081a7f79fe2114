// Statistics: reviews per day, the due forecast, the study calendar, true retention, card counts
// and the memory-state distributions, for one deck or all decks. Loaded lazily from App.tsx.
import type { RehearseDb } from '../../storage/index.ts';

interface Props {
  db: RehearseDb;
  deckId: string;
  onError(error: unknown): void;
}

export default function StatsScreen(_props: Props) {
  return (
    <main className="screen">
      <h2>Statistics</h2>
    </main>
  );
}

// What the screen says while the database opens. The first open after an update that changes the
// schema counts the whole history again (statistics summaries, the search index): on a big
// collection that takes seconds, so after one second it says why instead of looking stuck.
import { useEffect, useState } from 'react';
import { schemaUpgradeRunning } from '../storage/db.ts';

export function OpeningMessage() {
  const [upgrading, setUpgrading] = useState(false);
  useEffect(() => {
    // Asked after a second, then twice a second: a quick open never shows it.
    let timer = setTimeout(function check() {
      setUpgrading(schemaUpgradeRunning());
      timer = setTimeout(check, 500);
    }, 1000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="screen" aria-busy="true">
      <p className="muted" role="status">
        {upgrading
          ? 'Updating your collection for this version of Rehearse: counting your history once for faster statistics and search. This can take a few seconds on a large collection.'
          : 'Opening your cards…'}
      </p>
    </main>
  );
}

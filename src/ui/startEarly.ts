// Imported first by main.tsx: asks IndexedDB to open the database before React and the screens'
// modules are evaluated, so the browser opens it while they are (the open's answer comes back
// once they are done). The app shell picks up the same promise and reports any failure. A start
// on the review screen also reads today's queue as soon as the database is open.
import { openAppDatabase, startEarlyQueue } from './startup.ts';
import { parseRoute } from './useHashRoute.ts';

openAppDatabase().catch(() => undefined);
const route = parseRoute(location.hash);
if (route.name === 'study') startEarlyQueue(route.deckId);

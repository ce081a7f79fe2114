// Imported first by main.tsx: asks IndexedDB to open the database before React and the screens'
// modules are evaluated, so the browser opens it while they are (the open's answer comes back
// once they are done). The app shell picks up the same promise and reports any failure.
import { openAppDatabase } from './startup.ts';

openAppDatabase().catch(() => undefined);

// Baseline for `npm run bench:pwa`: only the libraries the app cannot start without (React,
// Dexie, ts-fsrs), painting one line with React.
import Dexie from 'dexie';
import { createRoot } from 'react-dom/client';
import * as tsFsrs from 'ts-fsrs';

(window as unknown as { keep: unknown }).keep = [Dexie, tsFsrs];
createRoot(document.getElementById('root')!).render(<p data-bare-ready="">Ready</p>);

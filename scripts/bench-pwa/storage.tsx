// Baseline for `npm run bench:pwa`: React plus the app's own storage start (open the database,
// read today's queue with its first cards' content, as the review screen does), painting one line with React. Beside the libs page, it
// shows how much of the app's start is the database; beside the app, how much is its screens.
import { createRoot } from 'react-dom/client';
import { FIRST_QUEUE_CONTENT, openRehearseDb, studyQueue } from '../../src/storage/index.ts';

const mark = (name: string) => performance.mark(`rehearse:${name}`);
mark('main');
const db = await openRehearseDb();
mark('db-open');
const { queue } = await studyQueue(db, 'all', Date.now(), { contentFor: FIRST_QUEUE_CONTENT });
mark('queue-read');
createRoot(document.getElementById('root')!).render(<p data-bare-ready="">{queue.main.length + queue.learning.length} due</p>);

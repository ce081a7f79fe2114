// Composition root: mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { openAppDatabase } from './ui/startup.ts';
import { markStart } from './ui/startMarks.ts';
import './ui/theme.css';

// Every module of the first screen is evaluated by now.
markStart('main');

// Open IndexedDB while React renders; the app shell reports any failure.
openAppDatabase().catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

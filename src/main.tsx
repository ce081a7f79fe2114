// Composition root: mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { openAppDatabase } from './ui/startup.ts';
import './ui/theme.css';

// Open IndexedDB while React renders; the app shell reports any failure.
openAppDatabase().catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

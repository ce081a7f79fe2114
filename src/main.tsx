// Composition root: mounts the app.
import './ui/startEarly.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { markStart } from './ui/startMarks.ts';
import './ui/theme.css';

// Every module of the first screen is evaluated by now.
markStart('main');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

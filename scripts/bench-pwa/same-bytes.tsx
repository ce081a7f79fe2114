// Baseline for `npm run bench:pwa`: loads, compiles and evaluates the same modules as the app's
// first screen (App and everything it imports, its CSS), then paints one line with React
// instead of opening the database and showing a card.
import { createRoot } from 'react-dom/client';
import { App } from '../../src/ui/App.tsx';
import '../../src/ui/theme.css';

// Keep the app's code in the bundle: it is what this page is the same size as.
(window as unknown as { keep: unknown }).keep = App;
createRoot(document.getElementById('root')!).render(<p data-bare-ready="">Ready</p>);

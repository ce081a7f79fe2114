// The small notice for the service worker's news: "Update available" with "Reload", and once,
// after the first visit, that the app now works offline. It floats above the content (and
// above the review screen's answer bar), so it never moves a button under the user's finger.
import { useEffect } from 'react';
import { useStore } from './store.ts';
import { applyUpdate, dismissUpdateNotice, registerServiceWorker, updateState } from './serviceWorker.ts';
import './pwa.css';

const OFFLINE_READY_MS = 6000;
const REGISTER_DELAY_MS = 1000;

export function UpdateNotice() {
  const state = useStore(updateState);

  // Register a moment after the load event, so the worker and workbox-window never compete
  // with the first screen (which, on the review screen, waits for IndexedDB after load).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => void registerServiceWorker().catch((error: unknown) => console.warn('Service worker not registered', error));
    const later = () => (timer = setTimeout(start, REGISTER_DELAY_MS));
    if (document.readyState === 'complete') later();
    else window.addEventListener('load', later, { once: true });
    return () => {
      window.removeEventListener('load', later);
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (state !== 'offline-ready') return;
    const id = setTimeout(dismissUpdateNotice, OFFLINE_READY_MS);
    return () => clearTimeout(id);
  }, [state]);

  if (state === 'idle') return null;
  return (
    <div className="pwa-toast" role="status" aria-live="polite" data-update-state={state}>
      {state === 'update-available' && (
        <>
          <span className="pwa-toast-text">Update available</span>
          <button type="button" className="primary" onClick={applyUpdate}>
            Reload
          </button>
          <button type="button" className="pwa-toast-close" onClick={dismissUpdateNotice} aria-label="Later">
            ×
          </button>
        </>
      )}
      {state === 'applying' && <span className="pwa-toast-text">Updating…</span>}
      {state === 'updated-elsewhere' && (
        <>
          <span className="pwa-toast-text">Rehearse was updated in another window</span>
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </>
      )}
      {state === 'offline-ready' && (
        <>
          <span className="pwa-toast-text">Ready to work offline</span>
          <button type="button" className="pwa-toast-close" onClick={dismissUpdateNotice} aria-label="Dismiss">
            ×
          </button>
        </>
      )}
    </div>
  );
}

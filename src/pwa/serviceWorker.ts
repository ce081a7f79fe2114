// Service-worker registration and the update flow, through workbox-window. A new version never
// takes over by itself: its worker waits, the app says "Update available", and the user's
// "Reload" activates it and reloads the page (the route is in the URL hash, so the page comes
// back where it was). workbox-window is imported lazily, after the first paint, so it costs the
// first screen nothing.
import type { Workbox } from 'workbox-window';
import { createStore } from './store.ts';

export type UpdateState =
  /** Nothing to say. */
  | 'idle'
  /** First install finished: everything is cached for offline use. */
  | 'offline-ready'
  /** A new version is installed and waiting for the user's word. */
  | 'update-available'
  /** The user pressed Reload; waiting for the new worker to take control. */
  | 'applying'
  /** Another tab applied an update; this tab still runs the old code. */
  | 'updated-elsewhere';

export const updateState = createStore<UpdateState>('idle');

/** How often an installed app that stays open looks for a new version. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox: Workbox | undefined;
let registration: ServiceWorkerRegistration | undefined;
let started = false;
let applying = false;

/**
 * Registers `sw.js` (relative to the page, so any sub-path works). Call once, after the first
 * paint; does nothing where service workers are unavailable (plain HTTP on a phone, dev server).
 */
export async function registerServiceWorker(): Promise<void> {
  if (started || !('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  started = true;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('sw.js');
  workbox = wb;
  const hadController = navigator.serviceWorker.controller !== null;

  wb.addEventListener('waiting', () => updateState.set('update-available'));
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate && !hadController) updateState.set('offline-ready');
  });
  wb.addEventListener('controlling', (event) => {
    if (applying) window.location.reload();
    else if (event.isUpdate) updateState.set('updated-elsewhere');
  });

  registration = await wb.register();
  if (!registration) return;
  // workbox-window misses an update that was already installing when it registered (the
  // browser's own check on navigation starts first): watch that worker too.
  watchInstalling(registration.installing);
  registration.addEventListener('updatefound', () => watchInstalling(registration?.installing ?? null));

  // Phones keep an installed app open for days: look for a new version when it comes back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkForUpdate();
  });
  setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS);
}

function watchInstalling(worker: ServiceWorker | null): void {
  if (!worker) return;
  worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller && updateState.get() === 'idle') {
      updateState.set('update-available');
    }
  });
}

function checkForUpdate(): void {
  if (!navigator.onLine || !workbox) return;
  workbox.update().catch(() => undefined); // offline or the host is down: try again later
}

/** "Reload": activate the waiting worker, then reload once it controls the page. */
export function applyUpdate(): void {
  applying = true;
  updateState.set('applying');
  if (!registration?.waiting || !workbox) {
    window.location.reload();
    return;
  }
  workbox.messageSkipWaiting();
  // Should the worker never take control (it was replaced meanwhile), reload anyway.
  setTimeout(() => window.location.reload(), 4000);
}

/** Hide the notice; a waiting update still applies on the next launch of the app. */
export function dismissUpdateNotice(): void {
  updateState.set('idle');
}

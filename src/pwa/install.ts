// Installing the app: the browser's own prompt where it offers one (beforeinstallprompt:
// Chromium on Android and desktop), instructions where it does not (iOS: Share → Add to Home
// Screen), and nothing once the app runs installed. The listener is added when this module
// loads, with the app's entry chunk, so an early event is not missed.
import { createStore } from './store.ts';

/** Chromium's event; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState =
  /** Running as an installed app (or installed from this tab just now). */
  | 'installed'
  /** The browser handed us its install prompt. */
  | 'promptable'
  /** iOS/iPadOS: installable from the Share menu only. */
  | 'ios'
  /** The browser offers no prompt (yet); its own menu may still install. */
  | 'unavailable';

let deferredPrompt: BeforeInstallPromptEvent | null = null;

function isStandalone(): boolean {
  return (
    window.matchMedia?.('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

function isIos(): boolean {
  // iPadOS reports itself as a Mac, but a Mac has no touch screen.
  return /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1);
}

function initialState(): InstallState {
  if (typeof window === 'undefined') return 'unavailable';
  if (isStandalone()) return 'installed';
  return isIos() ? 'ios' : 'unavailable';
}

export const installState = createStore<InstallState>(initialState());

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep the browser's mini-infobar away; the app offers installation where it fits.
    event.preventDefault();
    deferredPrompt = event as BeforeInstallPromptEvent;
    installState.set('promptable');
  });
  window.addEventListener('appinstalled', () => {
    deferredPrompt = null;
    installState.set('installed');
  });
}

/** Shows the browser's install dialog; resolves to whether the user accepted. */
export async function promptInstall(): Promise<boolean> {
  const prompt = deferredPrompt;
  if (!prompt) return false;
  deferredPrompt = null; // an event's prompt can be shown once
  await prompt.prompt();
  const { outcome } = await prompt.userChoice;
  if (outcome === 'accepted') installState.set('installed');
  else installState.set(initialState());
  return outcome === 'accepted';
}

const HINT_DISMISSED_KEY = 'rehearse.installHintDismissed';

export function installHintDismissed(): boolean {
  try {
    return localStorage.getItem(HINT_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissInstallHint(): void {
  try {
    localStorage.setItem(HINT_DISMISSED_KEY, '1');
  } catch {
    // Private mode without storage: the hint simply comes back next time.
  }
}

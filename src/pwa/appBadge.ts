// The number of cards waiting today on the app's icon (Badging API), where the platform shows one:
// installed Chromium apps on desktop, and iOS/iPadOS home-screen apps (with notification permission).
// Elsewhere `navigator.setAppBadge` is missing and nothing happens.

import { deckCounts, type RehearseDb } from '../storage/index.ts';

interface BadgeNavigator {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
}

/** True where the Badging API exists. */
export function appBadgeSupported(nav: BadgeNavigator = globalThis.navigator as BadgeNavigator): boolean {
  return typeof nav?.setAppBadge === 'function';
}

/** Shows `count` on the icon, or clears the badge at 0. Never throws (a refused badge is not worth a message). */
export async function setAppBadgeCount(count: number, nav: BadgeNavigator = globalThis.navigator as BadgeNavigator): Promise<void> {
  if (!appBadgeSupported(nav)) return;
  try {
    if (count > 0) await nav.setAppBadge!(count);
    else if (nav.clearAppBadge) await nav.clearAppBadge();
    else await nav.setAppBadge!(0);
  } catch {
    // Not allowed here (e.g. not installed, or no permission on iOS): the badge is a nicety.
  }
}

let pending = false;
let again = false;

/** At most one count per this many ms while answering: a count reads the day's queue rows. */
const MIN_GAP_MS = 2000;

/**
 * Recounts today's cards (new + learning + due, as the deck list shows them) and sets the badge.
 * Calls that arrive while a count runs, or soon after, are folded into one more count later.
 */
export function refreshAppBadge(db: RehearseDb, now: () => number = Date.now): void {
  if (!appBadgeSupported()) return;
  if (pending) {
    again = true;
    return;
  }
  pending = true;
  deckCounts(db, now())
    .then(({ total }) => setAppBadgeCount(total.new + total.learning + total.due))
    .catch(() => undefined)
    .finally(() =>
      setTimeout(() => {
        pending = false;
        if (again) {
          again = false;
          refreshAppBadge(db, now);
        }
      }, MIN_GAP_MS),
    );
}

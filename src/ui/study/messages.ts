// What the review screen says when a write did not go through: what happened and what the app
// did about it, in plain words (no card ids, no storage jargon).

import type { ReviewSession } from '../../core/review/session.ts';
import { storageErrorMessage, type StorageErrorCode } from '../../storage/errors.ts';

const STORAGE_CODES: readonly StorageErrorCode[] = ['quota-exceeded', 'upgrade-blocked', 'version-too-new', 'unavailable', 'unknown'];

/** Whether the screen reloads the queue by itself after this failure (the data is fine, only this tab's view was old). */
export function reloadsByItself(failure: NonNullable<ReviewSession['failure']>): boolean {
  return failure.kind !== 'storage';
}

/** One or two sentences for a failed write. */
export function failureMessage(failure: NonNullable<ReviewSession['failure']>): string {
  const { kind, command } = failure;
  if (kind === 'storage') {
    const code = STORAGE_CODES.find((c) => c === failure.detail) ?? 'unknown';
    const what =
      command === 'record'
        ? 'Your last answer was not saved.'
        : command === 'undo'
          ? 'The answer was not taken back.'
          : `The card was not ${command === 'bury' ? 'buried' : 'suspended'}.`;
    // The storage sentence says why and what to do; this one, what the app did.
    return `${what} ${storageErrorMessage(code)} Reviewing has stopped here, so no later answer is lost; “Try again” loads the queue again.`;
  }
  if (command === 'record') {
    return 'Your last answer was not saved: that card had been answered or changed in another tab or window. The queue has been reloaded with the latest answers; you can go on.';
  }
  if (command === 'undo') {
    return kind === 'gone'
      ? 'That answer could not be taken back: it is no longer in the review history (it was taken back in another tab, or replaced by a restored backup). Nothing was changed; the queue has been reloaded.'
      : 'That answer could not be taken back: the card has been answered again since, in another tab or window. Nothing was changed; the queue has been reloaded.';
  }
  return `The card could not be ${command === 'bury' ? 'buried' : 'suspended'}: it is no longer in the collection. The queue has been reloaded.`;
}

// The sync state in words, for Settings → Sync: a pure function of the bridge's status and `now`,
// so the words are tested without a browser or a server.

import type { Refusal } from '../../../sync/connection.ts';
import type { SyncStatus } from '../../../sync/status.ts';

export type { SyncStatus, SyncStatusStore } from '../../../sync/status.ts';

export interface StatusWords {
  /** The state in a few words: "Synced 2 minutes ago". */
  headline: string;
  /** What it means or what to do, when there is something to say. */
  detail?: string;
  tone: 'ok' | 'busy' | 'waiting' | 'problem';
}

/** "just now", "a minute ago", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", or a date. */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.max(0, (now - at) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 2) return 'a minute ago';
  if (minutes < 60) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 2) return 'an hour ago';
  if (hours < 24) return `${hours} hours ago`;
  const days = Math.round(hours / 24);
  if (days < 2) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(at);
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][date.getMonth()];
  return `on ${date.getDate()} ${month} ${date.getFullYear()}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "14 reviews", "14 reviews and 2 other changes", "2 changes"; empty when nothing waits. */
export function waitingText(waiting: SyncStatus['waiting']): string {
  const { reviews, other } = waiting;
  if (reviews > 0 && other > 0) return `${plural(reviews, 'review', 'reviews')} and ${plural(other, 'other change', 'other changes')}`;
  if (reviews > 0) return plural(reviews, 'review', 'reviews');
  if (other > 0) return plural(other, 'change', 'changes');
  return '';
}

/** The state in words. */
export function statusWords(status: SyncStatus, now: number): StatusWords {
  const waiting = waitingText(status.waiting);
  const waits = waiting ? `${waiting} ${status.waiting.reviews + status.waiting.other === 1 ? 'is' : 'are'} waiting to be sent.` : undefined;
  const last = status.lastSyncedAt === undefined ? undefined : `Last synced ${relativeTime(status.lastSyncedAt, now)}.`;
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ') || undefined;
  switch (status.state) {
    case 'off':
      return { headline: 'Sync is off', tone: 'waiting' };
    case 'connecting':
      return { headline: 'Connecting…', detail: join(waits, last), tone: 'busy' };
    case 'synced':
      if (waiting) return { headline: `Sending ${waiting}…`, detail: last, tone: 'busy' };
      return {
        headline: status.lastSyncedAt === undefined ? 'Synced' : `Synced ${relativeTime(status.lastSyncedAt, now)}`,
        detail: 'Your other devices get your changes as soon as they are online.',
        tone: 'ok',
      };
    case 'offline':
      // Online, but the server does not answer: not the network's fault, so not "offline".
      if (status.refusal === 'unreachable') {
        return {
          headline: waiting ? `${waiting} waiting — the server does not answer` : 'The server does not answer',
          detail: join(
            'Check that the sync server is running and that its address is right. Changes are sent once it answers; studying goes on here meanwhile.',
            last,
          ),
          tone: 'waiting',
        };
      }
      return {
        headline: waiting ? `${waiting} waiting — offline` : 'Offline — nothing waiting',
        detail: join('They are sent when this device is online again; studying goes on here meanwhile.', last),
        tone: 'waiting',
      };
    case 'refused':
      return refusalWords(status.refusal, join(waits));
    case 'error':
      return {
        headline: 'Sync stopped on an error',
        detail: join(status.message, 'Your cards and reviews are safe on this device. Reload the app to try again.', waits),
        tone: 'problem',
      };
  }
}

function refusalWords(refusal: Refusal | undefined, waits: string | undefined): StatusWords {
  const kept = 'Your cards and reviews are safe on this device.';
  const detail = (text: string) => [text, waits].filter(Boolean).join(' ');
  switch (refusal) {
    case 'rate-limited':
      return {
        headline: 'Too many wrong codes: try again in a few minutes',
        detail: detail(`The server stops listening to this network for a while after several wrong codes. ${kept}`),
        tone: 'problem',
      };
    case 'collection-full':
      return {
        headline: 'The collection is full on the server',
        detail: detail(`The server takes no more changes for this collection. ${kept} Ask whoever runs the server for more room.`),
        tone: 'problem',
      };
    case 'message-too-large':
      return {
        headline: 'A change was too large for the server',
        detail: detail(`${kept} Ask whoever runs the server to allow larger messages.`),
        tone: 'problem',
      };
    case 'unreachable':
      return {
        headline: 'The server cannot be reached',
        detail: detail(`Check the server address, or that the server is running. ${kept}`),
        tone: 'problem',
      };
    case 'wrong-code':
    case undefined:
      return {
        headline: 'The server refused this code',
        detail: detail(
          'The code does not match the collection on the server. Enter the code shown in Settings → Sync on your other device again: nothing was sent or received.',
        ),
        tone: 'problem',
      };
  }
}

// Storage failures as one error class with a code, so the UI can say something useful
// ("storage is full", "close the other tab") instead of showing a Dexie stack trace.

/** What went wrong, for the UI to turn into a sentence. */
export type StorageErrorCode =
  | 'quota-exceeded'
  | 'upgrade-blocked'
  | 'version-too-new'
  | 'unavailable'
  | 'stale-state'
  | 'not-found'
  | 'nothing-to-undo'
  | 'too-large'
  | 'bad-input'
  | 'unknown';

/** A storage operation failed; nothing it meant to write was written (each runs in one transaction). */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MESSAGES: Record<StorageErrorCode, string> = {
  'quota-exceeded':
    'The browser has no more storage space for Rehearse. Nothing was lost, but this change was not saved; free some space (or remove unused decks) and try again.',
  'upgrade-blocked':
    'Rehearse is open in another tab with an older version. Close the other tabs of Rehearse so this one can update its database.',
  'version-too-new':
    'This database was written by a newer version of Rehearse. Reload the page to get the latest version.',
  unavailable: 'The browser’s storage (IndexedDB) is not available here, for example in some private windows.',
  'stale-state': 'This card was changed elsewhere (another tab?) since it was shown. Reload the queue and try again.',
  'not-found': 'That card is not in the database.',
  'nothing-to-undo': 'There is no review to undo.',
  'too-large': 'This is larger than Rehearse keeps, so nothing was saved.',
  'bad-input': 'This input cannot be used, so nothing was saved.',
  unknown: 'The browser’s storage reported an unexpected error.',
};

/** The user-facing sentence for a code. */
export function storageErrorMessage(code: StorageErrorCode): string {
  return MESSAGES[code];
}

function names(e: unknown, depth = 0): string[] {
  if (!e || typeof e !== 'object' || depth > 4) return [];
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown };
  const own = typeof err.name === 'string' ? [err.name] : [];
  return [...own, ...names(err.inner, depth + 1), ...names(err.cause, depth + 1)];
}

/**
 * Maps anything thrown by Dexie or IndexedDB to a `StorageError`. Quota errors often arrive as the
 * `inner` of an AbortError (Dexie docs), so the whole chain is searched.
 */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const chain = names(e);
  const code: StorageErrorCode = chain.includes('QuotaExceededError')
    ? 'quota-exceeded'
    : chain.includes('VersionError')
      ? 'version-too-new'
      : chain.includes('MissingAPIError') || chain.includes('InvalidAccessError')
        ? 'unavailable'
        : 'unknown';
  const detail = e instanceof Error && code === 'unknown' ? ` (${e.message})` : '';
  return new StorageError(code, MESSAGES[code] + detail, { cause: e });
}

/** Runs a storage operation and rethrows its failure as a `StorageError`. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    throw toStorageError(e);
  }
}

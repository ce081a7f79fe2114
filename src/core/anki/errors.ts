// The one error the Anki package reader throws: a package it cannot use at all, in one sentence.

export type AnkiPackageErrorCode = 'empty' | 'not-zip' | 'truncated' | 'no-collection' | 'damaged' | 'too-new';

export class AnkiPackageError extends Error {
  override readonly name = 'AnkiPackageError';
  constructor(
    readonly code: AnkiPackageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

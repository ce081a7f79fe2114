// Errors the core raises for input it cannot use at all. Everything smaller is a NoteWarning.

export type NoteErrorCode = 'empty' | 'binary' | 'no-cards' | 'too-large';

export class NoteFormatError extends Error {
  override readonly name = 'NoteFormatError';
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

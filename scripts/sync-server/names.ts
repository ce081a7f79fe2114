// Document names are `<collectionId>/<sub>`; the collection id decides which code opens the document.

const DOCUMENT_NAME = /^([A-Za-z0-9_-]{22,64})\/([^\u0000-\u001f\u007f]{1,256})$/;

/** The collection a document belongs to, or undefined for a name that is not `<collectionId>/<sub>`. */
export function collectionOfDocument(documentName: string): string | undefined {
  return DOCUMENT_NAME.exec(documentName)?.[1];
}

/** The first characters of a collection id, enough to tell collections apart in a log line. */
export function shortCollection(collectionId: string): string {
  return `${collectionId.slice(0, 6)}…`;
}

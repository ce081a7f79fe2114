// Web Worker entry: parses notes and reads Anki packages for the import screen off the main
// thread, so a big file never freezes the page. Loaded only when the import screen opens.
/// <reference lib="webworker" />
import { handleImportRequest } from './importHandler.ts';
import type { ImportRequest, ImportResponse } from './importProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const loadSql = () => import('./importSqlJs.ts').then((module) => module.loadSqlJs());

// One request at a time, in the order sent (a queue of files is read one after another).
let queue = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  queue = queue.then(() => handleImportRequest(request, (message: ImportResponse) => scope.postMessage(message), { loadSql }));
});

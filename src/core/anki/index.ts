export { AnkiPackageError, type AnkiPackageErrorCode } from './errors.ts';
export { readAnkiPackage, type AnkiReaderDeps, type SqlDatabase, type SqlModule } from './readPackage.ts';
export type * from './types.ts';

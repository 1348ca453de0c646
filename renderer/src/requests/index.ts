/**
 * The public surface of requests/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { AttachmentsField } from './AttachmentsField';
export { Journal } from './Journal';
export { RequestListScreen } from './RequestListScreen';
export { RequestScreen } from './RequestScreen';
export { RequestTable, isLate } from './RequestTable';
export { hasPlaceField, locationOf } from './place';
export { createRequest, searchTextOf } from './repository';
export { requestStrings } from './strings';

/**
 * The public surface of assisted/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { AssistedScreen } from './AssistedScreen';
export { CitizenSessions } from './CitizenSessions';
export { ProceduresSection } from './ProceduresSection';
export { SessionTable } from './SessionTable';
export { catalogueProcedures } from './catalogue';
export { useFollowUpsDue, useResidentsOf } from './repository';
export { assistedStrings } from './strings';

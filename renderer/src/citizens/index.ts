/**
 * The public surface of citizens/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { CitizenListScreen } from './CitizenListScreen';
export { CitizenScreen, type CitizenFileSlots } from './CitizenScreen';
export { suggestCitizens } from './lookup';
export { createCitizen } from './repository';
export { citizenWordIndex } from './search';
export { citizenStrings } from './strings';
export { useCitizenSearch } from './useCitizenSearch';

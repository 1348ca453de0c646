/**
 * The public surface of setup/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { SetupScreen } from './SetupScreen';
export { setupStrings } from './strings';

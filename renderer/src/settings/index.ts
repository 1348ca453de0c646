/**
 * The public surface of settings/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { SettingsScreen } from './SettingsScreen';
export { settingsStrings } from './strings';

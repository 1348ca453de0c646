/**
 * The public surface of documents/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { DocumentsPanel } from './DocumentsPanel';
export { FollowUpSheetPanel } from './FollowUpSheetPanel';
export { MailRegisterPanel } from './MailRegisterPanel';
export { issueDocument, type IssueMode, type IssueOutcome } from './issue';
export { documentStrings } from './strings';

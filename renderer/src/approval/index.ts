/**
 * The public surface of approval/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { ApprovalBadge } from './ApprovalBadge';
export { annotate, approveAnswer, recordSeen, releaseRefusalFor, sendBack, type CouncilResult } from './actions';
export { useApprovalState, useCouncilLists, type CouncilLists } from './hooks';

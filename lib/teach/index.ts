/** Teach mode: from one save the rep shows, a rule of the adapter schema that counts the next ones (pure). */
export * from './recording';
export { rankCandidates, type Candidate, type Reason } from './candidates';
export { generaliseRule, urlPattern, readablePath, recordRoute } from './generalise';
export { proposeRule, withTaughtRule, adapterIdFor, type TeachProposal, type TeachOutcome, type TeachBase, type ProposalSummary } from './propose';
export { checkEdit, type EditCheck } from './edit-check';
export { describeProposal, describeCall, describeConfirmSource, kindLabel } from './describe';
export { detectTaught } from './detect';
export { landingId, landingPattern, formCreateIf } from './forms';
export { findConfirmations, confirmationRule, confirmationLabel, type Confirmation } from './confirm';

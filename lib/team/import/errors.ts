/**
 * Why a dropped file was refused, as a code the team page words in the manager's language
 * (never a raw validation message), with the row and column where that helps.
 */
export type TeamImportProblem =
  | 'too-large'
  | 'empty'
  | 'unknown-format'
  | 'not-json'
  | 'not-an-export'
  | 'wrong-columns'
  | 'older-report'
  | 'invalid-value'
  | 'no-rep-name'
  | 'duplicate-week';

export class TeamImportError extends Error {
  override name = 'TeamImportError';
  constructor(
    readonly problem: TeamImportProblem,
    readonly detail: { row?: number; column?: string } = {},
  ) {
    super(`${problem}${detail.row !== undefined ? ` (row ${detail.row})` : ''}${detail.column ? ` (${detail.column})` : ''}`);
  }
}

/** Exports are a few hundred KB at most; anything far larger is not one of ours. */
export const MAX_IMPORT_CHARS = 5_000_000;

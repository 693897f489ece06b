import type { TIsoDate } from '../registry/types.ts';

/**
 * Rows as the import files carry them (English headers), every value a string and empty meaning
 * unknown. The matcher takes rows, not files, so the caller streams files (or database cursors) in.
 */
export type TRosterRow = {
  source?: string;
  record_key: string;
  name: string;
  resident_id?: string;
  sex?: string;
  birth_date?: string;
  status?: string;
  retired_on?: string;
  organ_code?: string;
  organ_name?: string;
  rank?: string;
};

export type TPostRow = {
  post_ref?: string;
  association_uscc?: string;
  person_name: string;
  resident_id?: string;
  sex?: string;
  birth_date?: string;
  role?: string;
  started_on?: string;
  recommended_by_organ_code?: string;
};

export type TOrganRow = { code: string; name: string; short_name?: string };

export type TLinkRow = { organ_code: string; association_uscc: string };

export type TReviewVerdict = 'confirmed' | 'rejected';

/** A reviewer's earlier decision on one post–record pair; it overrides the score on later runs. */
export type TReviewDecision = { postKey: string; recordKey: string; verdict: TReviewVerdict };

export type TMatchField = 'resident_id' | 'name' | 'birth_date' | 'sex' | 'organ' | 'prior' | 'review';

/** One line of a decision's explanation: a field, what was found, and how many bits it counted. */
export type TMatchReason = { field: TMatchField; outcome: string; weight: number };

export type TMatchDecisionKind = 'match' | 'possible' | 'no_match';

export type TMatchDecision = {
  /** `post_ref`, or the association, name, role and start date when the source gave no reference. */
  postKey: string;
  decision: TMatchDecisionKind;
  /** The best candidate's roster record, when there was a candidate. */
  recordKey: string | null;
  source: string | null;
  status: string | null;
  rank: string | null;
  organCode: string | null;
  retiredOn: TIsoDate | null;
  /** Posterior probability that the post holder is this record's person. */
  probability: number;
  /** Log₂ odds: the prior plus the field weights. */
  score: number;
  reasons: TMatchReason[];
  /** How many roster records blocking brought up for this post. */
  candidates: number;
};

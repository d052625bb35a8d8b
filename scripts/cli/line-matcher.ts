// The log-line matcher as the scanner sees it: the same shape as the search
// stage's Matcher, so either can be handed in.
export interface LineMatch {
  /** A code written in the line itself. */
  code: string | null;
  /** Entries whose logged message the line fits, best first. */
  candidates: string[];
}

export interface LineMatcher {
  match(line: string): LineMatch;
}

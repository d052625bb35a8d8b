// Problems are vfile messages (unified's habit): a rule id, a place, and
// whether the build must stop. Nothing in the reader throws on bad input.
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

export interface Report {
  warn(ruleId: string, reason: string, place: Point | Position): void;
  error(ruleId: string, reason: string, place: Point | Position): void;
}

export function reportTo(file: VFile, source: string): Report {
  return {
    warn(ruleId, reason, place) {
      file.message(reason, { place, ruleId, source });
    },
    error(ruleId, reason, place) {
      const message = file.message(reason, { place, ruleId, source });
      message.fatal = true;
    }
  };
}

import type { TWorkingDayCalendar } from '../core/policy/dates.ts';
import { evaluate, type TEvaluation } from '../core/policy/engine.ts';
import type { TOrganIndex } from '../core/policy/facts.ts';
import { resolvePack, type TResolvedPack } from '../core/policy/packs.ts';
import { decodeFacts } from '../db/repositories/facts-read.repository.ts';
import {
  diffFindings,
  type TFindingChanges,
  type TFindingToStore,
  type TStoredFindingKey,
} from '../db/repositories/findings.repository.ts';

/**
 * One chunk of a screening run between the database reads and the writes: parse the facts the
 * database built, evaluate every association under the pack of its region, and diff the findings
 * against the stored ones. No I/O, so it runs the same in the main thread and in a worker.
 */

export type TChunkContext = {
  organs: TOrganIndex;
  asOf: string;
  calendar: TWorkingDayCalendar;
  packs: ReadonlyMap<string, TResolvedPack>;
  /** Packs already resolved, by region code (filled as regions come). */
  byRegion: Map<string, TResolvedPack>;
};

export type TChunkInput = {
  /** `readFactsJson`: `[[associationId, facts], …]`, read by `decodeFacts`. */
  factsJson: string;
  /** `readStoredFindingsJson`. */
  storedJson: string;
};

export type TChunkResult = {
  associationIds: number[];
  /** Findings of the chunk (each fingerprint once). */
  findings: number;
  changes: TFindingChanges;
  /** Milliseconds of parsing, rules and diffing. */
  evaluateMs: number;
  evaluations?: TEvaluation[];
};

export function screenChunk(context: TChunkContext, input: TChunkInput, collect = false): TChunkResult {
  const started = performance.now();
  const parsed = decodeFacts(input.factsJson);
  const associationIds: number[] = [];
  const items: TFindingToStore[] = [];
  const seen = new Set<string>();
  const evaluations: TEvaluation[] = [];
  for (const [associationId, facts] of parsed) {
    associationIds.push(associationId);
    // The organ index is loaded once per run; the key already holds its place in the document.
    (facts as { organs: TOrganIndex }).organs = context.organs;
    const region = facts.association.regionCode;
    let pack = context.byRegion.get(region);
    if (!pack) {
      pack = resolvePack({ regionCode: region, asOf: context.asOf, packs: context.packs });
      context.byRegion.set(region, pack);
    }
    const evaluation = evaluate({ pack, facts, asOf: context.asOf, calendar: context.calendar });
    if (collect) evaluations.push(evaluation);
    for (const finding of evaluation.findings) {
      // A fingerprint names one breach; the same one twice would be one finding.
      if (seen.has(finding.fingerprint)) continue;
      seen.add(finding.fingerprint);
      items.push({ associationId, finding });
    }
  }
  const changes = diffFindings(JSON.parse(input.storedJson) as TStoredFindingKey[], items);
  return {
    associationIds,
    findings: items.length,
    changes,
    evaluateMs: performance.now() - started,
    ...(collect ? { evaluations } : {}),
  };
}

/**
 * Inspectors drawn at random for each drawn organisation, at least two, none with a conflict of
 * interest. The ranking uses the same keyed hash as the organisation draw (`drawScore`), with the
 * same seed, so the assignment is as verifiable as the draw itself.
 */

import type { TTemplate } from '../policy/types.ts';
import { drawScore } from './draw.ts';

export type TInspector = {
  id: string;
  /** Code of the organ or unit the inspector works for. */
  organId: string;
  /** USCCs of associations in which the inspector held a post before. */
  priorPosts: readonly string[];
  /** USCCs the inspector declared a conflict with. */
  declaredConflicts: readonly string[];
};

/** A pool of inspectors; later pools are the fallback when the earlier ones are too small. */
export type TInspectorPool = { id: string; label: TTemplate; inspectors: readonly TInspector[] };

/** A drawn organisation and the organs that sponsored or supervised it before decoupling. */
export type TInspectionTarget = { uscc: string; formerOrganIds: readonly string[] };

export type TConflict = 'former_sponsor_organ' | 'prior_post' | 'declared_conflict';

export type TInspectorAssignment = {
  uscc: string;
  inspectors: readonly { id: string; poolId: string; rank: number; score: string }[];
  /** Inspectors left out for a conflict of interest (not published: they name people). */
  excluded: readonly { id: string; conflict: TConflict }[];
  /** True when a fallback pool had to be used. */
  usedFallback: boolean;
};

export type TAssignmentRefusal = { code: 'too_few_inspectors' | 'below_minimum'; zh: string; en: string };

export type DrawInspectorsOptions = {
  drawId: string;
  /** The seed of the draw (published after it). */
  seed: string;
  target: TInspectionTarget;
  /** Primary pool first, then the fallbacks in order. */
  pools: readonly TInspectorPool[];
  count: number;
  /** The least number of inspectors for an on-site inspection (`insp.minInspectors`). */
  minInspectors: number;
};

/** Why `inspector` may not inspect `target`, or `null`. */
export function conflictOf(inspector: TInspector, target: TInspectionTarget): TConflict | null {
  if (target.formerOrganIds.includes(inspector.organId)) return 'former_sponsor_organ';
  if (inspector.priorPosts.includes(target.uscc)) return 'prior_post';
  if (inspector.declaredConflicts.includes(target.uscc)) return 'declared_conflict';
  return null;
}

/**
 * Draws `count` inspectors for one organisation: conflicted inspectors are excluded, the rest of each
 * pool ranked by HMAC-SHA256(seed, drawId + "\n" + "inspector:" + USCC + "\n" + inspector id); the
 * primary pool is used first and the fallback pools, in order, only to make up the number. Refused,
 * with the counts, when all pools together have too few eligible inspectors.
 */
export function drawInspectors({
  drawId,
  seed,
  target,
  pools,
  count,
  minInspectors,
}: DrawInspectorsOptions):
  | { ok: true; assignment: TInspectorAssignment }
  | { ok: false; refusal: TAssignmentRefusal } {
  if (count < minInspectors) {
    return {
      ok: false,
      refusal: {
        code: 'below_minimum',
        zh: `每次检查至少 ${minInspectors} 名检查人员，请求的是 ${count} 名`,
        en: `An inspection needs at least ${minInspectors} inspectors; ${count} were asked for`,
      },
    };
  }
  const chosen: { id: string; poolId: string; rank: number; score: string }[] = [];
  const excluded: { id: string; conflict: TConflict }[] = [];
  const considered = new Set<string>();
  let usedFallback = false;
  let eligibleTotal = 0;
  pools.forEach((pool, index) => {
    const eligible: { id: string; score: string }[] = [];
    for (const inspector of pool.inspectors) {
      if (considered.has(inspector.id)) continue;
      considered.add(inspector.id);
      const conflict = conflictOf(inspector, target);
      if (conflict !== null) {
        excluded.push({ id: inspector.id, conflict });
        continue;
      }
      eligible.push({
        id: inspector.id,
        score: drawScore(seed, drawId, `inspector:${target.uscc}`, inspector.id),
      });
    }
    eligibleTotal += eligible.length;
    if (chosen.length >= count) return;
    if (index > 0 && eligible.length > 0) usedFallback = true;
    eligible.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id < b.id ? -1 : 1));
    for (const e of eligible.slice(0, count - chosen.length)) {
      chosen.push({ id: e.id, poolId: pool.id, rank: chosen.length + 1, score: e.score });
    }
  });
  if (chosen.length < count) {
    return {
      ok: false,
      refusal: {
        code: 'too_few_inspectors',
        zh: `${target.uscc}：${pools.length} 个人员库中只有 ${eligibleTotal} 名无利害关系的检查人员（另有 ${excluded.length} 名因利害关系回避），需要 ${count} 名；请补充人员库或指定后备库`,
        en: `${target.uscc}: the ${pools.length} pool(s) hold only ${eligibleTotal} inspectors without a conflict (${excluded.length} excluded for a conflict of interest), ${count} are needed; add inspectors or a fallback pool`,
      },
    };
  }
  return { ok: true, assignment: { uscc: target.uscc, inspectors: chosen, excluded, usedFallback } };
}

export type AssignDrawInspectorsOptions = {
  drawId: string;
  seed: string;
  /** The drawn organisations in the order of the draw result, with their former organs. */
  targets: readonly TInspectionTarget[];
  pools: readonly TInspectorPool[];
  count: number;
  minInspectors: number;
  /** Most inspections one inspector takes in this draw; `null` for no limit. */
  maxPerInspector: number | null;
};

export type TDrawAssignments = {
  assignments: readonly TInspectorAssignment[];
  /** Organisations that could not be given enough inspectors, with the reason. */
  refusals: readonly { uscc: string; refusal: TAssignmentRefusal }[];
};

/**
 * Inspectors for every organisation of a draw, in the order of the draw. With `maxPerInspector`, an
 * inspector who has reached the limit is left out of the later draws, so the work spreads over the
 * pool; the order of the draw makes this deterministic too.
 */
export function assignDrawInspectors({
  drawId,
  seed,
  targets,
  pools,
  count,
  minInspectors,
  maxPerInspector,
}: AssignDrawInspectorsOptions): TDrawAssignments {
  const load = new Map<string, number>();
  const assignments: TInspectorAssignment[] = [];
  const refusals: { uscc: string; refusal: TAssignmentRefusal }[] = [];
  for (const target of targets) {
    const available = pools.map((pool) => ({
      ...pool,
      inspectors: pool.inspectors.filter(
        (i) => maxPerInspector === null || (load.get(i.id) ?? 0) < maxPerInspector,
      ),
    }));
    const step = drawInspectors({ drawId, seed, target, pools: available, count, minInspectors });
    if (!step.ok) {
      refusals.push({ uscc: target.uscc, refusal: step.refusal });
      continue;
    }
    for (const i of step.assignment.inspectors) load.set(i.id, (load.get(i.id) ?? 0) + 1);
    assignments.push(step.assignment);
  }
  return { assignments, refusals };
}

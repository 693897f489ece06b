import { upgradeResidentId15 } from '../../src/core/ids/resident-id.ts';
import type { TLinkRecord, TRosterRecord } from '../../src/core/registry/types.ts';
import type { TDataset, TGeneratedPost, TTruth } from '../../src/demo/dataset.ts';
import { addDays, addYears, ageOn } from '../../src/demo/dates.ts';
import { normaliseAddress, normaliseBankAccount, normalisePhone } from '../../src/demo/world.ts';

/**
 * A deliberately plain re-implementation of the rules the truth file speaks about, written from the
 * conventions in the truth and nothing else, so that tests can ask: does the data contain exactly the
 * planted cases? It is not the rules engine; it is the yardstick the generator is held to.
 */

export type TMaterialised = {
  posts: TGeneratedPost[];
  rosters: TRosterRecord[];
};

export function materialise(dataset: TDataset): TMaterialised {
  return { posts: [...dataset.posts()], rosters: [...dataset.servingRoster(), ...dataset.retiredRoster()] };
}

export const postKey = (p: {
  associationUscc: string;
  role: string;
  startedOn: string;
  personName?: string;
  person?: { name: string };
}) => `${p.associationUscc}|${p.role}|${p.startedOn}|${p.personName ?? p.person?.name}`;

/** The ID a post's source carries, normalised to 18 characters. */
export function normalisedSourceId(post: TGeneratedPost): string | null {
  if (!post.sourceResidentId) return null;
  return post.sourceResidentId.length === 15
    ? upgradeResidentId15(post.sourceResidentId)
    : post.sourceResidentId;
}

/** Roster records a post is the same person as: by resident ID, or by name and birth date without one. */
export function matchPosts(data: TMaterialised): Map<TGeneratedPost, TRosterRecord[]> {
  const byId = new Map<string, TRosterRecord[]>();
  const byNameDate = new Map<string, TRosterRecord[]>();
  for (const r of data.rosters) {
    if (r.person.residentId) byId.set(r.person.residentId, [...(byId.get(r.person.residentId) ?? []), r]);
    const k = `${r.person.name}|${r.person.birthDate}`;
    byNameDate.set(k, [...(byNameDate.get(k) ?? []), r]);
  }
  const out = new Map<TGeneratedPost, TRosterRecord[]>();
  for (const post of data.posts) {
    const id = normalisedSourceId(post);
    const found = id ? byId.get(id) : byNameDate.get(`${post.person.name}|${post.person.birthDate}`);
    if (found && found.length > 0) out.set(post, found);
  }
  return out;
}

const held = (p: TGeneratedPost, on: string) => p.startedOn <= on && (!p.endedOn || p.endedOn >= on);

/** Keys of every finding the conventions call for, in the same shape `expectedFindings` gives. */
export function findFindings(dataset: TDataset, data: TMaterialised): Set<string> {
  const on = dataset.evaluationDate;
  const findings = new Set<string>();
  const matches = matchPosts(data);
  const special = new Set(
    dataset.postApprovals.filter((a) => a.kind === 'special_approval').map((a) => postKey(a)),
  );
  const postsByCadre = new Map<string, TGeneratedPost[]>();
  for (const [post, records] of matches) {
    for (const r of records) {
      const base = `${r.recordKey}|${postKey(post)}`;
      if (r.status === 'serving' || r.status === 'left_not_retired') {
        if (held(post, on)) findings.add(`PERS-1|${base}`);
        if (post.recommendedByOrganCode) findings.add(`PERS-9|${base}`);
        continue;
      }
      postsByCadre.set(r.recordKey, [...(postsByCadre.get(r.recordKey) ?? []), post]);
      if (post.startedOn < addYears(r.retiredOn!, 3)) findings.add(`PERS-2|${base}`);
      if (!post.approvalRef) findings.add(`PERS-3|${base}`);
      if (held(post, on) && ageOn(r.person.birthDate!, addDays(on, -1)) >= 70) findings.add(`PERS-5|${base}`);
      if (post.remunerated) findings.add(`PERS-7|${base}`);
      if (post.role === 'legal_representative' && !special.has(postKey(post))) findings.add(`PERS-8|${base}`);
      if (post.recommendedByOrganCode) findings.add(`PERS-9|${base}`);
    }
  }
  for (const [recordKey, posts] of postsByCadre) {
    const associations = new Set(posts.filter((p) => held(p, on)).map((p) => p.associationUscc));
    if (associations.size > 1) findings.add(`PERS-4|${recordKey}`);
    const terms = new Map<string, Set<number>>();
    for (const p of posts) {
      const set = terms.get(p.associationUscc) ?? new Set<number>();
      set.add(p.termNumber ?? 1);
      terms.set(p.associationUscc, set);
    }
    for (const [uscc, set] of terms) if (set.size > 2) findings.add(`PERS-6|${recordKey}|${uscc}`);
  }

  const organAddress = new Map(dataset.organs.map((o) => [normaliseAddress(o.address ?? ''), o.code]));
  const organPhone = new Map(dataset.organs.map((o) => [normalisePhone(o.phone ?? ''), o.code]));
  const organBank = new Map(dataset.organs.map((o) => [normaliseBankAccount(o.bankAccount ?? ''), o.code]));
  for (const a of dataset.associations) {
    if (a.address && organAddress.has(normaliseAddress(a.address))) findings.add(`INST-4|${a.uscc}|address`);
    if (a.phone && organPhone.has(normalisePhone(a.phone))) findings.add(`INST-4|${a.uscc}|phone`);
    if (a.bankAccount && organBank.has(normaliseBankAccount(a.bankAccount))) {
      findings.add(`INST-4|${a.uscc}|bank_account`);
    }
  }
  const academic = new Set(
    dataset.associations.filter((a) => /(学会|研究会)$/.test(a.name)).map((a) => a.uscc),
  );
  // An open link counts once the case is decoupled, or past its completion deadline (2019 opinions).
  const separated = new Set(
    dataset
      .policyFacts()
      .cases.filter(
        (c) =>
          (c.decoupledOn !== null && c.decoupledOn <= on) ||
          (c.completionDeadline !== null && c.completionDeadline < on),
      )
      .map((c) => c.associationUscc),
  );
  for (const link of dataset.links) {
    if (!link.endedOn && !academic.has(link.associationUscc) && separated.has(link.associationUscc))
      findings.add(`INST-1|${linkKey(link)}`);
  }
  return findings;
}

const linkKey = (l: Pick<TLinkRecord, 'associationUscc' | 'organCode' | 'kind' | 'startedOn'>) =>
  `${l.associationUscc}|${l.organCode}|${l.kind}|${l.startedOn}`;

/** The same keys, built from the truth file's planted list. */
export function expectedFindings(truth: TTruth): Set<string> {
  const out = new Set<string>();
  for (const c of truth.planted) {
    const s = c.subject;
    switch (s.kind) {
      case 'post': {
        if (c.rule === 'PERS-4') out.add(`PERS-4|${s.roster.recordKey}`);
        else if (c.rule === 'PERS-6') out.add(`PERS-6|${s.roster.recordKey}|${c.associationUscc}`);
        else out.add(`${c.rule}|${s.roster.recordKey}|${postKey(s.post)}`);
        break;
      }
      case 'association':
        out.add(`INST-4|${c.associationUscc}|${s.field}`);
        break;
      case 'link':
        out.add(
          `INST-1|${linkKey({ associationUscc: c.associationUscc, organCode: s.organCode, kind: s.linkKind, startedOn: s.startedOn })}`,
        );
        break;
      default: {
        const unreachable: never = s;
        throw new Error(`unknown subject ${JSON.stringify(unreachable)}`);
      }
    }
  }
  // Links of cases past their completion deadline are findings the policy facts plant.
  for (const f of truth.findings) {
    if (f.rule === 'INST-1') out.add(`INST-1|${f.associationUscc}|${f.subject.key}`);
  }
  return out;
}

import type { Db } from '../../src/db/database.ts';
import {
  type TAnnualReportRecord,
  type TAssociationExtrasRecord,
  type TAwardRecord,
  type TCaseRecord,
  type TCharterAmendmentRecord,
  type TCourtDefaultRecord,
  type TCreditEntryRecord,
  type TDuesDecisionRecord,
  type TFeeItemRecord,
  type TFinanceBaseRecord,
  type TFinanceYearRecord,
  type TFunctionRecord,
  type TInstitutionRecord,
  type TPartyRecord,
  type TPenaltyRecord,
  type TRectificationRecord,
  type TScopeDecisionRecord,
  type TStaffRecord,
  type TUnreachableRecord,
  upsertAnnualReports,
  upsertAssociationExtras,
  upsertAwards,
  upsertCases,
  upsertCharterAmendments,
  upsertCourtDefaults,
  upsertCreditEntries,
  upsertDuesDecisions,
  upsertFeeItems,
  upsertFinanceBases,
  upsertFinanceYears,
  upsertForeignAffairs,
  upsertFunctions,
  upsertInstitutions,
  upsertPartyOrganisations,
  upsertPenalties,
  upsertRectifications,
  upsertScopeDecisions,
  upsertStaff,
  upsertUnreachable,
} from '../../src/db/repositories/facts.repository.ts';
import { finishRun, insertRun, storeFindings } from '../../src/db/repositories/findings.repository.ts';

export type TFactRows = {
  extras: TAssociationExtrasRecord;
  scopeDecision: TScopeDecisionRecord;
  case: TCaseRecord;
  function: TFunctionRecord;
  financeBase: TFinanceBaseRecord;
  financeYears: TFinanceYearRecord[];
  charterAmendment: TCharterAmendmentRecord;
  institution: TInstitutionRecord;
  staff: TStaffRecord;
  party: TPartyRecord;
  feeItem: TFeeItemRecord;
  duesDecision: TDuesDecisionRecord;
  award: TAwardRecord;
  annualReports: TAnnualReportRecord[];
  penalty: TPenaltyRecord;
  rectification: TRectificationRecord;
  unreachable: TUnreachableRecord;
  courtDefault: TCourtDefaultRecord;
  creditEntry: TCreditEntryRecord;
};

/** One row of every fact table for an association, with every column set to a non-default value. */
export function ALL_FACT_ROWS(uscc: string): TFactRows {
  const a = { associationUscc: uscc };
  return {
    extras: {
      ...a,
      registrationCategory: 'social_group',
      membershipBasis: 'same_industry',
      deregisteredOn: null,
      recordedSupervisingUnit: '某市经济和信息化局',
    },
    scopeDecision: {
      ...a,
      kind: 'manual',
      outcome: 'in',
      ref: 'SD-1',
      decidedOn: '2016-02-01',
      reason: '行业协会',
    },
    case: {
      ...a,
      id: 'CASE-1',
      batch: '2016-第一批',
      jurisdiction: '110000',
      listedOn: '2016-01-15',
      planDeadline: '2016-06-30',
      planApprovedOn: '2016-05-20',
      completionDeadline: '2016-12-31',
      decoupledOn: '2016-11-30',
      blockedReason: null,
    },
    function: {
      ...a,
      id: 'F-1',
      name: '行业统计',
      kind: 'statistics',
      origin: 'commissioned',
      handedOverByOrganCode: null,
      legalBasis: '统计法',
      catalogueEntry: '目录-12',
      contractRef: 'HT-2020-1',
      published: true,
      tiedApprovalOrganCode: null,
      startedOn: '2020-01-01',
      endedOn: null,
    },
    financeBase: { ...a, base2015Appropriation: 1_200_000, base2015RetireeFunding: 200_000 },
    financeYears: [2016, 2017].map((year) => ({
      ...a,
      year,
      independentAccount: true,
      separateBooks: true,
      accountingStandard: 'npo' as const,
      directAppropriation: year === 2016 ? 800_000 : 500_000.5,
      placementFunds: 10_000,
      officeInAdministrativeSpace: false,
      officeOrganCode: null,
      vacatedOn: '2016-12-01',
      paidUseAgreementRef: null,
      stateAssetsUsed: false,
      stateAssetsRegisteredOn: null,
    })),
    charterAmendment: { ...a, id: 'CH-1', amendedOn: '2017-03-01', filedOn: '2017-04-01' },
    institution: {
      ...a,
      id: 'I-1',
      name: '某培训中心',
      disposition: 'transferred',
      legalPersonCancelledOn: null,
      transferredTo: '某市国资委',
    },
    staff: {
      ...a,
      id: 'S-1',
      name: '钱员工',
      labourContract: true,
      socialInsurance: true,
      housingFund: false,
      onEstablishment: false,
      startedOn: '2017-01-01',
      endedOn: null,
    },
    party: {
      ...a,
      organisationExists: true,
      memberCount: 5,
      relationship: 'designated_committee',
      transferredOn: '2017-02-01',
    },
    feeItem: {
      ...a,
      id: 'FEE-1',
      name: '会费',
      category: 'dues',
      amount: 3000,
      tiers: [1000, 3000, 5000],
      payer: 'members',
      compulsory: false,
      disguisedCompulsory: false,
      obstructsWithdrawal: false,
      servicesProvided: true,
      coveredByDues: false,
      linkedFunctionId: null,
      linkedAwardId: null,
      collectedBy: 'hq',
      branchName: null,
      standardSetBy: 'assembly',
      published: true,
      pricing: null,
      pricedByProcedure: null,
      kickback: false,
      legalBasis: null,
      duesDecisionId: 'DD-1',
      referenceAmount: null,
      complaintCount: 0,
      startedOn: '2018-01-01',
      endedOn: null,
    },
    duesDecision: {
      ...a,
      id: 'DD-1',
      assemblyDate: '2017-12-01',
      madeBy: 'assembly',
      secretBallot: true,
      eligible: 120,
      present: 90,
      votesFor: 80,
      tiers: [1000, 3000, 5000],
      floating: false,
      published: true,
      adopted: true,
      effectiveFrom: '2018-01-01',
      supersededOn: null,
    },
    award: { ...a, id: 'AW-1', name: '优秀企业奖', approvalRef: null, startedOn: '2019-01-01' },
    annualReports: [
      { ...a, year: 2017, filedOn: '2018-05-02' },
      { ...a, year: 2018, filedOn: null },
    ],
    penalty: { ...a, id: 'P-1', kind: 'fine', amount: 20_000, decidedOn: '2019-07-01' },
    rectification: {
      ...a,
      id: 'R-1',
      orderedOn: '2019-07-01',
      dueOn: '2019-09-30',
      completedOn: '2019-09-01',
    },
    unreachable: { ...a, id: 'U-1', verifiedOn: '2020-03-01', resolvedOn: '2020-04-01' },
    courtDefault: { ...a, id: 'CD-1', listedOn: '2021-01-01', removedOn: null },
    creditEntry: {
      ...a,
      id: 'CE-1',
      list: 'abnormal',
      ground: 'annual_report',
      groundOn: '2019-06-01',
      listedOn: '2019-06-05',
      removedOn: null,
      obligationFulfilledOn: null,
      removalAppliedOn: null,
    },
  };
}

/** Writes every fact row through the repository's upserts in one transaction. */
export async function writeFactRows(db: Db, rows: TFactRows): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertAssociationExtras(tx, [rows.extras]);
    await upsertScopeDecisions(tx, [rows.scopeDecision]);
    await upsertCases(tx, [rows.case]);
    await upsertFunctions(tx, [rows.function]);
    await upsertFinanceBases(tx, [rows.financeBase]);
    await upsertFinanceYears(tx, rows.financeYears);
    await upsertCharterAmendments(tx, [rows.charterAmendment]);
    await upsertInstitutions(tx, [rows.institution]);
    await upsertStaff(tx, [rows.staff]);
    await upsertPartyOrganisations(tx, [rows.party]);
    await upsertForeignAffairs(tx, [
      { associationUscc: rows.extras.associationUscc, administeredByFormerOrgan: true },
    ]);
    await upsertFeeItems(tx, [rows.feeItem]);
    await upsertDuesDecisions(tx, [rows.duesDecision]);
    await upsertAwards(tx, [rows.award]);
    await upsertAnnualReports(tx, rows.annualReports);
    await upsertPenalties(tx, [rows.penalty]);
    await upsertRectifications(tx, [rows.rectification]);
    await upsertUnreachable(tx, [rows.unreachable]);
    await upsertCourtDefaults(tx, [rows.courtDefault]);
    await upsertCreditEntries(tx, [rows.creditEntry]);
  });
}

/**
 * Stores one open finding per key (in a run of its own) for the association of each USCC, and
 * returns the finding id per key: tests that move findings get a fresh one per case.
 */
export async function seedFindings(
  db: Db,
  entries: readonly { key: string; uscc: string }[],
): Promise<Map<string, number>> {
  return db.transaction(async (tx) => {
    const runId = await insertRun(tx, {
      asOf: '2020-06-30',
      scope: { kind: 'all' },
      actorLabel: 'seed',
      startedAt: new Date().toISOString(),
    });
    if (runId === null) throw new Error('a screening run is running');
    const { rows } = await tx.query<{ id: number; uscc: string }>(
      'SELECT id, uscc FROM associations WHERE uscc = ANY($1::bpchar[])',
      [[...new Set(entries.map((e) => e.uscc))]],
    );
    const ids = new Map(rows.map((r) => [r.uscc.trimEnd(), Number(r.id)]));
    const items = entries.map(({ key, uscc }) => ({
      associationId: ids.get(uscc)!,
      finding: {
        ruleId: 'PERS-5' as const,
        family: 'PERS' as const,
        severity: 'violation' as const,
        packId: 'national-2019',
        packVersion: '2019.1',
        uscc,
        subject: { type: 'post' as const, id: key },
        aspect: null,
        facts: { person: '测试人' },
        arisenOn: '2019-01-01',
        dueOn: null,
        clause: '测试条款',
        explanationZh: '测试说明',
        explanationEn: 'Test explanation',
        fingerprint: `PERS-5|${uscc}|post:${key}`,
      },
    }));
    const counted = await storeFindings(tx, {
      runId,
      asOf: '2020-06-30',
      items,
      associationIds: [...ids.values()],
    });
    await finishRun(tx, {
      id: runId,
      status: 'completed',
      counts: {
        associations: ids.size,
        findings: items.length,
        newFindings: counted.inserted,
        persistingFindings: counted.persisting,
        resolvedFindings: counted.resolved,
      },
    });
    const stored = await tx.query<{ id: number; subject_id: string }>(
      'SELECT id, subject_id FROM findings WHERE last_seen_run_id = $1',
      [runId],
    );
    return new Map(stored.rows.map((r) => [r.subject_id, Number(r.id)]));
  });
}

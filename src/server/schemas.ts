import { z } from '@hono/zod-openapi';
import { regionStatus } from '../core/ids/regions.ts';
import { validateUscc } from '../core/ids/uscc.ts';
import { ASSOCIATION_STATUSES, LEVELS, LINK_KINDS, ORGAN_KINDS, POST_ROLES } from '../core/registry/types.ts';
import { FINDING_SORTS } from '../db/repositories/findings.repository.ts';
import { ASSOCIATION_SORTS } from '../db/repositories/registry-read.repository.ts';
import { USER_ROLES } from '../db/repositories/users.repository.ts';

/**
 * Request and response schemas of the HTTP API. They validate requests, type the handlers and
 * produce the OpenAPI document, so their descriptions are the API reference.
 */

/** An optional query parameter where an empty value (`?q=`) means "not given". */
function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const ZIsoDate = z.string().openapi({ format: 'date', example: '2016-03-01' });

export const ZUscc = z
  .string()
  .superRefine((value, ctx) => {
    const result = validateUscc(value);
    if (!result.valid) ctx.addIssue({ code: 'custom', message: `not a valid USCC: ${result.message}` });
  })
  .openapi({
    description: 'Unified social credit code (统一社会信用代码), 18 characters',
    example: '51100000500000001X',
  });

export const ZRegionCode = z
  .string()
  .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code')
  .refine((code) => code === '100000' || regionStatus(code) !== 'unknown', 'is not a GB/T 2260 region code')
  .openapi({ description: "GB/T 2260 region code; '100000' is the whole country", example: '110000' });

const ZPage = z.coerce.number().int().min(1).max(100_000).default(1).openapi({ description: 'Page, from 1' });
const ZPageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(20)
  .openapi({ description: 'Rows per page' });

export const ZRole = z.enum(USER_ROLES);

export const ZUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    scope: z.object({
      regionCode: z.string().optional(),
      regionName: z.string().optional(),
      organCode: z.string().optional(),
      organName: z.string().optional(),
      associationUscc: z.string().optional(),
      associationName: z.string().optional(),
    }),
  })
  .openapi('User');
export type TUser = z.infer<typeof ZUser>;

export const ZSession = z
  .object({
    user: ZUser,
    csrfToken: z.string().openapi({ description: 'Send as header x-csrf-token with every non-GET request' }),
  })
  .openapi('Session');

export const ZLoginBody = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(1_000),
  })
  .openapi('LoginRequest');

export const ZHealth = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgres']),
    version: z.string(),
  })
  .openapi('Health');

export const ZOrganRef = z.object({ code: z.string(), name: z.string() }).openapi('OrganRef');

export const ZAssociationSummary = z
  .object({
    uscc: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    regionCode: z.string(),
    regionName: z.string(),
    industry: z.string().nullable(),
    status: z.enum(ASSOCIATION_STATUSES),
    registeredOn: ZIsoDate.nullable(),
    organs: z.array(ZOrganRef).openapi({ description: 'Organs the association is linked to now' }),
  })
  .openapi('AssociationSummary');
export type TAssociationSummary = z.infer<typeof ZAssociationSummary>;

const associationFilterFields = {
  q: optionalParam(z.string().max(100)).openapi({
    description: 'Name substring, similar name (trigram similarity) or USCC prefix',
  }),
  region: optionalParam(ZRegionCode).openapi({
    description: "Region code: '110000' the whole province, '110100' the prefecture",
  }),
  level: optionalParam(z.enum(LEVELS)),
  industry: optionalParam(z.string().max(100)),
};

export const ZAssociationQuery = z.object({
  ...associationFilterFields,
  uscc: optionalParam(z.string().regex(/^[0-9A-Za-z]{1,18}$/, 'must be a USCC or its first characters')),
  organ: optionalParam(z.string().min(1).max(40)).openapi({
    description: 'Organ code: associations linked to it, or to any unit below it, at any time',
  }),
  status: optionalParam(z.enum(ASSOCIATION_STATUSES)),
  page: ZPage,
  pageSize: ZPageSize,
  sort: optionalParam(z.enum(ASSOCIATION_SORTS)).openapi({
    description: 'Sort order; by relevance when q is given and sort is not',
  }),
});

export const ZExportQuery = ZAssociationQuery.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const ZAssociationPage = z
  .object({
    items: z.array(ZAssociationSummary),
    total: z.number().int(),
    /** True when more than 1,000 rows match and `total` is the database's estimate. */
    totalIsEstimate: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('AssociationPage');

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const ZRegistrySummary = z
  .object({
    total: z
      .number()
      .int()
      .openapi({ description: 'Associations inside the caller’s scope, counted exactly' }),
    byStatus: countsOf(ASSOCIATION_STATUSES),
    byLevel: countsOf(LEVELS),
  })
  .openapi('RegistrySummary');

export const ZUsccParam = z.object({ uscc: ZUscc.openapi({ param: { name: 'uscc', in: 'path' } }) });

export const ZAssociationDetail = z
  .object({
    uscc: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    shortName: z.string().nullable(),
    level: z.enum(LEVELS),
    regionCode: z.string(),
    regionName: z.string(),
    industry: z.string().nullable(),
    registrar: z.string().nullable(),
    foundedOn: ZIsoDate.nullable(),
    registeredOn: ZIsoDate.nullable(),
    status: z.enum(ASSOCIATION_STATUSES),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    bankAccount: z.string().nullable(),
    memberCount: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AssociationDetail');

export const ZLink = z
  .object({
    organ: z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(ORGAN_KINDS),
      isAdministrative: z.boolean(),
      parent: ZOrganRef.nullable(),
    }),
    kind: z.enum(LINK_KINDS),
    startedOn: ZIsoDate,
    endedOn: ZIsoDate.nullable(),
  })
  .openapi('Link');

export const ZPost = z
  .object({
    id: z.number().int(),
    role: z.enum(POST_ROLES),
    branchName: z.string().nullable(),
    startedOn: ZIsoDate,
    endedOn: ZIsoDate.nullable(),
    termNumber: z.number().int().nullable(),
    remunerated: z.boolean().nullable(),
    approvalRef: z.string().nullable(),
    person: z.object({
      id: z.number().int(),
      name: z.string(),
      sex: z.enum(['male', 'female']).nullable(),
      birthYear: z.number().int().nullable(),
      idMasked: z.string().nullable().openapi({ description: 'Resident ID with the middle digits hidden' }),
    }),
  })
  .openapi('Post');

export const ZAssociationRecord = z
  .object({ association: ZAssociationDetail, links: z.array(ZLink), posts: z.array(ZPost) })
  .openapi('AssociationRecord');

export const ZPersonIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

export const ZDisclosureQuery = z.object({
  reason: z
    .string()
    .trim()
    .min(4, 'state why the full ID is needed (at least 4 characters)')
    .max(500)
    .openapi({ description: 'Why the full ID is needed; recorded in the audit log' }),
});

export const ZDisclosure = z.object({ residentId: z.string() }).openapi('IdentifierDisclosure');

export const ZOrganSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(ORGAN_KINDS),
    isAdministrative: z.boolean(),
    level: z.enum(LEVELS),
    regionCode: z.string(),
    parentCode: z.string().nullable(),
    associationCount: z.number().int().openapi({ description: 'Associations linked to the organ now' }),
  })
  .openapi('OrganSummary');

export const ZOrganQuery = z.object({
  q: optionalParam(z.string().max(100)).openapi({ description: 'Name substring or code prefix' }),
  page: ZPage,
  pageSize: ZPageSize,
});

export const ZOrganPage = z
  .object({
    items: z.array(ZOrganSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('OrganPage');

export const ZOrganCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' } }),
});

export const ZOrganRecord = z
  .object({
    organ: z.object({
      code: z.string(),
      name: z.string(),
      shortName: z.string().nullable(),
      kind: z.enum(ORGAN_KINDS),
      isAdministrative: z.boolean(),
      level: z.enum(LEVELS),
      regionCode: z.string(),
      regionName: z.string(),
      parent: ZOrganRef.nullable(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    children: z.array(ZOrganSummary),
    associations: z
      .array(ZAssociationSummary)
      .openapi({ description: 'Associations ever linked to the organ, inside the caller’s scope' }),
  })
  .openapi('OrganRecord');

export const ZRegionQuery = z.object({
  parent: optionalParam(ZRegionCode).openapi({
    description: 'A province gives its prefectures, a prefecture its counties; none gives the provinces',
  }),
});

export const ZRegionList = z
  .object({ items: z.array(z.object({ code: z.string(), name: z.string() })) })
  .openapi('RegionList');

export const ZAuditQuery = z.object({ page: ZPage, pageSize: ZPageSize });

export const ZAuditPage = z
  .object({
    items: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actorId: z.number().int().nullable(),
        actorLabel: z.string(),
        action: z.string(),
        entity: z.string(),
        entityId: z.string().nullable(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('AuditPage');

export const ZPublicAssociation = z
  .object({
    uscc: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    regionCode: z.string(),
    regionName: z.string(),
    industry: z.string().nullable(),
    status: z.enum(ASSOCIATION_STATUSES),
  })
  .openapi('PublicAssociation');

export const ZPublicAssociationQuery = z.object({
  ...associationFilterFields,
  page: ZPage,
  pageSize: ZPageSize,
});

export const ZPublicAssociationPage = z
  .object({
    items: z.array(ZPublicAssociation),
    total: z.number().int(),
    /** True when more than 1,000 rows match and `total` is the database's estimate. */
    totalIsEstimate: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('PublicAssociationPage');

export const ZPublicAssociationRecord = z
  .object({
    association: ZPublicAssociation.extend({
      address: z.string().nullable(),
      registrar: z.string().nullable(),
      foundedOn: ZIsoDate.nullable(),
      registeredOn: ZIsoDate.nullable(),
      memberCount: z.number().int().nullable(),
    }),
    formerOrgans: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          kind: z.enum(LINK_KINDS),
          startedOn: ZIsoDate,
          endedOn: ZIsoDate.nullable(),
        }),
      )
      .openapi({
        description: 'Every organ the association has been linked to; endedOn null = still linked',
      }),
  })
  .openapi('PublicAssociationRecord');

// ---------------------------------------------------------------------------------------------------
// Findings, the rule catalog and screening runs

export const FINDING_STATUS_VALUES = ['open', 'acknowledged', 'rectified', 'waived', 'appealed'] as const;
export const SEVERITY_VALUES = ['violation', 'risk', 'open', 'info'] as const;

const findingFilterFields = {
  rule: optionalParam(z.string().regex(/^[A-Z]+-\d+$/, 'must be a rule id such as PERS-5')),
  family: optionalParam(z.string().regex(/^[A-Z]+$/, 'must be a rule family such as PERS')),
  severity: optionalParam(z.enum(SEVERITY_VALUES)),
  organ: optionalParam(z.string().min(1).max(40)).openapi({
    description: 'Organ code: findings of associations linked to it, or to any unit below it, at any time',
  }),
  region: optionalParam(ZRegionCode),
  status: optionalParam(z.enum(FINDING_STATUS_VALUES)),
  association: optionalParam(ZUscc),
  includeResolved: optionalParam(z.enum(['true', 'false'])).openapi({
    description: 'Also list findings that a later screening run no longer found',
  }),
};

export const ZFindingQuery = z.object({
  ...findingFilterFields,
  sort: optionalParam(z.enum(FINDING_SORTS)).openapi({
    description:
      'Sort key, descending with a leading "-": severity, rule, association (name), openedOn (first seen), status; ties by id. By association then rule when absent',
  }),
  page: ZPage,
  pageSize: ZPageSize,
});
export const ZFindingExportQuery = z.object({
  ...findingFilterFields,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export const ZAssociationFindingQuery = z.object({
  status: optionalParam(z.enum(FINDING_STATUS_VALUES)),
  includeResolved: findingFilterFields.includeResolved,
  page: ZPage,
  pageSize: ZPageSize,
});

export const ZFindingIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
});

export const ZFinding = z
  .object({
    id: z.number().int(),
    rule: z.string(),
    family: z.string(),
    severity: z.enum(SEVERITY_VALUES),
    pack: z.object({ id: z.string(), version: z.string() }),
    association: z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() }),
    subject: z.object({ type: z.string(), id: z.string() }),
    aspect: z.string().nullable(),
    facts: z.record(z.string(), z.unknown()),
    clause: z.string(),
    explanationZh: z.string(),
    explanationEn: z.string(),
    arisenOn: ZIsoDate.nullable(),
    dueOn: ZIsoDate.nullable(),
    firstSeen: z.object({ runId: z.number().int(), on: ZIsoDate }),
    lastSeen: z.object({ runId: z.number().int(), on: ZIsoDate }),
    resolved: z.object({ runId: z.number().int(), on: ZIsoDate }).nullable(),
    status: z.enum(FINDING_STATUS_VALUES),
    deadline: ZIsoDate.nullable().openapi({ description: 'Rectification deadline, set on acknowledgement' }),
    overdue: z.boolean(),
  })
  .openapi('Finding');
export type TFindingBody = z.infer<typeof ZFinding>;

export const ZFindingPage = z
  .object({
    items: z.array(ZFinding),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('FindingPage');

export const ZFindingEvent = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    from: z.enum(FINDING_STATUS_VALUES),
    to: z.enum(FINDING_STATUS_VALUES),
    reason: z.string().nullable(),
    deadline: ZIsoDate.nullable(),
  })
  .openapi('FindingEvent');

export const ZFindingDetail = z
  .object({ finding: ZFinding, events: z.array(ZFindingEvent) })
  .openapi('FindingDetail');

export const ZTransitionBody = z
  .object({
    to: z.enum(FINDING_STATUS_VALUES),
    reason: z.string().max(2_000).optional().openapi({ description: 'Required to waive, appeal or reopen' }),
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .optional()
      .openapi({ description: 'Rectification deadline when acknowledging; 90 days from today by default' }),
  })
  .openapi('FindingTransition');

export const ZRuleCatalog = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        family: z.string(),
        severity: z.enum(SEVERITY_VALUES),
        title: z.object({ zh: z.string(), en: z.string() }),
        clause: z.string(),
        appliesTo: z.enum(['in_scope', 'all_social_groups']),
        decisions: z.array(z.object({ zh: z.string(), en: z.string() })),
        example: z.object({ zh: z.string(), en: z.string() }),
        packs: z.array(
          z.object({
            packId: z.string(),
            version: z.string(),
            active: z.boolean(),
            parameters: z.record(z.string(), z.unknown()),
          }),
        ),
      }),
    ),
  })
  .openapi('RuleCatalog');

export const ZScreeningRun = z
  .object({
    id: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    asOf: ZIsoDate,
    scope: z.record(z.string(), z.unknown()),
    status: z.enum(['running', 'completed', 'failed']),
    actor: z.string(),
    associations: z.number().int(),
    findings: z.number().int(),
    newFindings: z.number().int(),
    persistingFindings: z.number().int(),
    resolvedFindings: z.number().int(),
    error: z.string().nullable(),
    progress: z
      .object({
        done: z.number().int(),
        total: z.number().int(),
        phase: z.enum(['screening', 'storing']),
      })
      .nullable()
      .openapi({ description: 'While running: associations done of the total, and the phase' }),
  })
  .openapi('ScreeningRun');

export const ZScreeningRunPage = z
  .object({
    items: z.array(ZScreeningRun),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ScreeningRunPage');

export const ZScreeningRunQuery = z.object({ page: ZPage, pageSize: ZPageSize });

export const ZScreeningRunBody = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .optional()
      .openapi({ description: 'Evaluation date; today by default' }),
  })
  .openapi('ScreeningRunRequest');

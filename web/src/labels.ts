import type {
  TAssociationStatus,
  TFindingStatus,
  TLevel,
  TLinkKind,
  TOrganKind,
  TPostRole,
  TRole,
  TRuleFamily,
  TScreeningRunStatus,
  TSeverity,
  TSex,
} from './api/types.ts';
import type { TMessageId } from './i18n/index.ts';
import { zhCN } from './i18n/zh-CN.ts';

// Message ids of the enums the API returns. The template types make the compiler check that every
// enum member has a message in the catalogue.

/** Message id of a role name. */
export const roleLabel = (role: TRole): TMessageId => `role.${role}`;
/** Message id of an association level. */
export const levelLabel = (level: TLevel): TMessageId => `level.${level}`;
/** Message id of an association status. */
export const statusLabel = (status: TAssociationStatus): TMessageId => `status.${status}`;
/** Message id of an organ link kind: 主办 / 主管 / 联系 / 挂靠 / 代管. */
export const linkKindLabel = (kind: TLinkKind): TMessageId => `linkKind.${kind}`;
/** Message id of an organ kind. */
export const organKindLabel = (kind: TOrganKind): TMessageId => `organKind.${kind}`;
/** Message id of a post role. */
export const postRoleLabel = (role: TPostRole): TMessageId => `postRole.${role}`;
/** Message id of a sex. */
export const sexLabel = (sex: TSex): TMessageId => `sex.${sex}`;
/** Message id of a finding severity. */
export const severityLabel = (severity: TSeverity): TMessageId => `severity.${severity}`;
/** Message id of a finding status. */
export const findingStatusLabel = (status: TFindingStatus): TMessageId => `findingStatus.${status}`;
/** Message id of the action that moves a finding to the given status (确认, 豁免, 申诉, …). */
export const transitionLabel = (to: TFindingStatus): TMessageId => `transition.${to}`;
/** Message id of a rule family: 机构分离, 人员管理分离, …. */
export const familyLabel = (family: TRuleFamily): TMessageId => `family.${family}`;
/** Message id of a screening run status. */
export const screeningStatusLabel = (status: TScreeningRunStatus): TMessageId => `screening.status.${status}`;

/**
 * Message id of a finding subject's type (任职, 收费项目, …), or `undefined` for a type this version of
 * the web app does not know yet, which is then shown as sent.
 */
export function subjectTypeLabel(type: string): TMessageId | undefined {
  const id = `subjectType.${type}`;
  return id in zhCN ? (id as TMessageId) : undefined;
}

/** Tag colours of the severities: red for violations down to grey for information. */
export const SEVERITY_COLORS: Readonly<Record<TSeverity, string>> = {
  violation: 'red',
  risk: 'orange',
  open: 'blue',
  info: 'default',
};

/** Tag colours of the finding statuses. */
export const FINDING_STATUS_COLORS: Readonly<Record<TFindingStatus, string>> = {
  open: 'volcano',
  acknowledged: 'gold',
  rectified: 'green',
  waived: 'default',
  appealed: 'purple',
};

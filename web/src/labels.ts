import type {
  TAssociationStatus,
  TLevel,
  TLinkKind,
  TOrganKind,
  TPostRole,
  TRole,
  TSex,
} from './api/types.ts';
import type { TMessageId } from './i18n/index.ts';

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

import { regionName } from '../core/ids/regions.ts';
import type {
  TAssociationRow,
  TAssociationSummaryRow,
  TLinkRow,
  TOrganSummaryRow,
  TPostRow,
} from '../db/repositories/registry-read.repository.ts';
import type { TUserRow } from '../db/repositories/users.repository.ts';
import type { TAssociationSummary, TUser } from './schemas.ts';

/** Rows of the repositories turned into the shapes of the API. Nothing here reads the database. */

/** The name of a region for people: '全国' for the whole country, else the GB/T 2260 name. */
export function regionLabel(code: string): string {
  if (code === '100000') return '全国';
  return regionName(code) ?? code;
}

export function presentUser(row: TUserRow): TUser {
  const scope: TUser['scope'] = {};
  if (row.scopeRegion) {
    scope.regionCode = row.scopeRegion;
    scope.regionName = regionLabel(row.scopeRegion);
  }
  if (row.scopeOrganCode) {
    scope.organCode = row.scopeOrganCode;
    scope.organName = row.scopeOrganName ?? undefined;
  }
  if (row.scopeAssociationUscc) {
    scope.associationUscc = row.scopeAssociationUscc;
    scope.associationName = row.scopeAssociationName ?? undefined;
  }
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, scope };
}

export function presentAssociationSummary(row: TAssociationSummaryRow): TAssociationSummary {
  return {
    uscc: row.uscc,
    name: row.name,
    level: row.level,
    regionCode: row.regionCode,
    regionName: regionLabel(row.regionCode),
    industry: row.industry,
    status: row.status,
    registeredOn: row.registeredOn,
    organs: row.organs,
  };
}

/** The public face of an association: no people, no contact details beyond the address. */
export function presentPublicAssociation(row: Omit<TAssociationSummaryRow, 'organs' | 'id'>) {
  return {
    uscc: row.uscc,
    name: row.name,
    level: row.level,
    regionCode: row.regionCode,
    regionName: regionLabel(row.regionCode),
    industry: row.industry,
    status: row.status,
  };
}

export function presentAssociationDetail(row: TAssociationRow) {
  const { id: _id, ...columns } = row;
  return { ...columns, regionName: regionLabel(row.regionCode) };
}

export function presentLink(row: TLinkRow) {
  return {
    organ: {
      code: row.organCode,
      name: row.organName,
      kind: row.organKind,
      isAdministrative: row.organIsAdministrative,
      parent: row.parentCode ? { code: row.parentCode, name: row.parentName ?? '' } : null,
    },
    kind: row.kind,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
  };
}

export function presentPost(row: TPostRow) {
  return {
    id: row.id,
    role: row.role,
    branchName: row.branchName,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    termNumber: row.termNumber,
    remunerated: row.remunerated,
    approvalRef: row.approvalRef,
    person: {
      id: row.personId,
      name: row.personName,
      sex: row.personSex,
      birthYear: row.personBirthYear,
      idMasked: row.personIdMasked,
    },
  };
}

export function presentOrganSummary(row: TOrganSummaryRow) {
  const { id: _id, ...rest } = row;
  return rest;
}

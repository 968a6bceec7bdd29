/**
 * Staff roles and what each may do, as one table (the policy is data, declared once): 办理人 registers applications and
 * takes the ordinary steps, and proposes answers and extensions for approval (needsApproval); 审核人 approves or
 * returns them (approval.decide; 条例第三十三条第二款: 经政府信息公开工作机构负责人同意) and takes those steps directly;
 * 管理员 does everything in their organisation and below, manages its accounts, guide and audit log; 监督
 * (oversight) reads everything in their subtree and changes nothing. Every role is scoped to its organisation and
 * the organisations below it.
 */
import { APPROVABLE } from '../application/approval.ts';
import type { CommandKind } from '../application/commands.ts';

export const ROLES = ['handler', 'approver', 'admin', 'oversight'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, { zh: string; en: string }>> = {
  handler: { zh: '办理人', en: 'handler' },
  approver: { zh: '审核人', en: 'approver' },
  admin: { zh: '管理员', en: 'organisation admin' },
  oversight: { zh: '监督', en: 'oversight' },
};

export type Action =
  | 'case.read'
  | 'case.register'
  | 'case.personalData'
  | 'review.write'
  | 'report.read'
  | 'report.write'
  | 'guide.write'
  | 'user.manage'
  | 'organization.manage'
  | 'audit.read'
  | 'notifications.manage'
  | 'approval.decide'
  | 'report.withdraw'
  /** 导入本地区年度报告: store an area's published reports as its organisations' (admins: it may create organisations). */
  | 'report.importSeason'
  /** 更正 a registration, 作废 a case registered in error: approvers and admins only (docs/decisions.md). */
  | 'case.correct'
  | 'case.void'
  | `step.${CommandKind}`
  /** The catalog (政府信息公开目录): read drafts, write drafts and attachments, 保密审查, 发布/废止, enter table 二's decisions. */
  | 'catalog.read'
  | 'catalog.write'
  | 'catalog.review'
  | 'catalog.publish'
  | 'catalog.decisions';

/**
 * Whether `role` proposes step `kind` for approval instead of taking it (core/application/approval.ts): a handler's
 * answer and extension; approvers and admins take them directly and are their own approver.
 */
export const needsApproval = (role: Role, kind: string): boolean => role === 'handler' && (APPROVABLE as readonly string[]).includes(kind);

const READ: readonly Action[] = ['case.read', 'report.read', 'catalog.read'];

/** Whether `role` may do `action` (within its organisation subtree; scoping is checked separately). */
export function can(role: Role, action: Action): boolean {
  switch (role) {
    case 'oversight':
      return READ.includes(action);
    case 'admin':
      return true;
    case 'approver':
      return !['guide.write', 'user.manage', 'organization.manage', 'audit.read', 'notifications.manage', 'report.withdraw', 'report.importSeason'].includes(action);
    case 'handler':
      // Every step: an answer or an extension is proposed for approval (needsApproval), never taken directly.
      if (action.startsWith('step.')) return true;
      // A handler drafts (拟稿) and enters decisions; the 保密审查 and the publication are an approver's (条例第十七条).
      return ['case.read', 'case.register', 'case.personalData', 'review.write', 'report.read', 'catalog.read', 'catalog.write', 'catalog.decisions'].includes(action);
  }
}

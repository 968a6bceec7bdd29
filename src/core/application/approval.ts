/**
 * Approval (审核) inside the system. A handler's answer (答复, 条例第三十六条至第三十九条) goes out only after an approver
 * has reviewed it, and an extension (延期) needs the consent of the head of the disclosure office
 * (经政府信息公开工作机构负责人同意, 条例第三十三条第二款). So a handler does not take those steps: they propose them;
 * the proposal waits in the approvers' queue; an approver (or admin) of the organisation approves it — the step is
 * then taken, recording the approver's name as 审核人/批准人 — or returns it with a comment. Nobody types an
 * approver's name: it is the account that approved. The answer period keeps running while a proposal waits.
 */
import type { CommandKind } from './commands.ts';

/** The steps that need an approver's consent when a handler takes them. */
export const APPROVABLE: readonly CommandKind[] = ['answer', 'extend'];

export type ApprovalStatus = 'pending' | 'approved' | 'returned';

export const APPROVAL_STATUS_LABELS: Readonly<Record<ApprovalStatus, { zh: string; en: string }>> = {
  pending: { zh: '待审核', en: 'awaiting approval' },
  approved: { zh: '已批准', en: 'approved' },
  returned: { zh: '已退回', en: 'returned' },
};

/** A proposed step and what became of it. */
export interface Approval {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly organizationId: string;
  readonly kind: CommandKind;
  /** The step's fields as the handler entered them (date, reason, answer text…), without any approver. */
  readonly input: Readonly<Record<string, string>>;
  readonly proposedBy: { readonly id: string | null; readonly name: string };
  readonly proposedAt: string;
  readonly status: ApprovalStatus;
  readonly decidedBy: { readonly id: string | null; readonly name: string } | null;
  readonly decidedAt: string | null;
  /** Why it was returned (required then), or a note with the approval. */
  readonly comment: string | null;
}

/** Most characters of a return comment. */
export const MAX_APPROVAL_COMMENT = 1000;

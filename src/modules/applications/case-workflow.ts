import type { ApplicationStatus } from '../../db/schema-applications';

// Which step may follow which (条例 Art. 30–37 and 109号): registration → (补正) → assignment →
// (consultations) → (extension) → decision → delivery. Pure data, tested row by row; the service asks
// it before every step so no route can skip or repeat one.

export type CaseAction =
  | 'release' // holding queue → received (the receipt is confirmed today)
  | 'dismiss' // holding queue → not an application (kept, with the reason)
  | 'requestCorrection'
  | 'receiveCorrection'
  | 'lapseCorrection' // no correction by the stated deadline: 其他处理 1
  | 'assign'
  | 'startConsultation'
  | 'endConsultation'
  | 'extend'
  | 'noticeFee'
  | 'payFee'
  | 'lapseFee' // fee unpaid within 20 working days: 其他处理 2
  | 'decide'
  | 'deliver';

const allowed: Record<CaseAction, readonly ApplicationStatus[]> = {
  release: ['held'],
  dismiss: ['held'],
  requestCorrection: ['received', 'processing'],
  receiveCorrection: ['correction'],
  lapseCorrection: ['correction'],
  assign: ['received', 'processing', 'paused'],
  startConsultation: ['received', 'processing'],
  endConsultation: ['paused'],
  extend: ['received', 'processing', 'paused'],
  noticeFee: ['received', 'processing'],
  payFee: ['paused'],
  lapseFee: ['paused'],
  decide: ['received', 'processing'],
  deliver: ['decided'],
};

export const caseActionLabels: Record<CaseAction, string> = {
  release: '确认受理（移出待核队列）',
  dismiss: '认定为非申请并留存',
  requestCorrection: '补正告知',
  receiveCorrection: '收到补正',
  lapseCorrection: '逾期未补正，不再处理',
  assign: '分办',
  startConsultation: '征求意见',
  endConsultation: '征求意见结束',
  extend: '延期答复',
  noticeFee: '收费通知',
  payFee: '已缴费',
  lapseFee: '逾期未缴费，不再处理',
  decide: '作出答复决定',
  deliver: '送达答复',
};

export const statusLabels: Record<ApplicationStatus, string> = {
  held: '待核（疑似滥用）',
  received: '已受理',
  correction: '待补正',
  processing: '办理中',
  paused: '中止计时（征求意见或待缴费）',
  decided: '已决定待送达',
  closed: '已办结',
  rejected_spam: '非申请（已留存）',
};

/** Whether `action` may be taken on a case in `status`. */
export function canTake(action: CaseAction, status: ApplicationStatus): boolean {
  return allowed[action].includes(status);
}

/** The actions open to a case in `status`, for the case page. */
export function actionsFor(status: ApplicationStatus): CaseAction[] {
  return (Object.keys(allowed) as CaseAction[]).filter((a) => canTake(a, status));
}

/** Statuses in which the statutory clock is running or standing still (not yet answered). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['received', 'correction', 'processing', 'paused'];

import type { RequestOf } from '../../../shared/contract';

/** The select's value for "a guest observer, by name" (never a member id: those are UUIDs). */
export const GUEST_CHOICE = ':guest';

/** What the facilitator filled in to approve one waiting device. */
export interface ApprovalForm {
  /** A member id, {@link GUEST_CHOICE}, or '' while nothing is chosen. */
  writesAs: string;
  guestName: string;
  focusStudentIds: readonly string[];
}

export const emptyApproval: ApprovalForm = { writesAs: '', guestName: '', focusStudentIds: [] };

export type ApprovalProblem = 'chooseObserver' | 'guestName';

/** The approveDevice request for a filled-in form, or which field still needs an answer. */
export const approvalRequest = (
  cycleId: string,
  deviceId: string,
  form: ApprovalForm,
): { ok: true; request: RequestOf<'approveDevice'> } | { ok: false; problem: ApprovalProblem } => {
  const focusStudentIds = [...new Set(form.focusStudentIds)];
  if (form.writesAs === GUEST_CHOICE) {
    const name = form.guestName.trim();
    if (!name) return { ok: false, problem: 'guestName' };
    return { ok: true, request: { cycleId, deviceId, observer: { kind: 'guest', name }, focusStudentIds } };
  }
  if (!form.writesAs) return { ok: false, problem: 'chooseObserver' };
  return { ok: true, request: { cycleId, deviceId, observer: { kind: 'member', memberId: form.writesAs }, focusStudentIds } };
};

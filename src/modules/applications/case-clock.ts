// The statutory clock of a case, read from its events (issue: "due dates are derived from the case's
// events, never stored as the truth"). Pure: the event list in, the deadline engine's input out.

export type PauseReason = 'thirdParty' | 'agency' | 'fee';

export interface CaseClock {
  receivedOn: string | null; // 收到申请之日 (Art. 31)
  correctionRequestedOn: string | null; // 补正 notice sent (Art. 30: once, within 7 working days)
  correctionReceivedOn: string | null; // the reply period restarts from here
  correctionDeadline: string | null; // the applicant's deadline stated in the notice
  pauses: { from: string; to?: string; reason: PauseReason }[]; // Art. 32–34, 109号: not counted
  extensionDays: number; // Art. 33: one extension of at most 20 working days
}

export interface ClockEvent {
  kind: string;
  on_date: string;
  data: Record<string, unknown>;
}

/** Folds a case's events (oldest first) into its clock. */
export function clockOf(events: readonly ClockEvent[]): CaseClock {
  const clock: CaseClock = {
    receivedOn: null,
    correctionRequestedOn: null,
    correctionReceivedOn: null,
    correctionDeadline: null,
    pauses: [],
    extensionDays: 0,
  };
  for (const e of events) {
    switch (e.kind) {
      case 'received':
        clock.receivedOn = e.on_date;
        break;
      case 'correction_requested':
        clock.correctionRequestedOn = e.on_date;
        clock.correctionDeadline = typeof e.data.deadline === 'string' ? e.data.deadline : null;
        break;
      case 'correction_received':
        clock.correctionReceivedOn = e.on_date;
        break;
      case 'consultation_started':
        clock.pauses.push({ from: e.on_date, reason: e.data.party === 'agency' ? 'agency' : 'thirdParty' });
        break;
      case 'fee_noticed':
        clock.pauses.push({ from: e.on_date, reason: 'fee' });
        break;
      case 'consultation_ended':
      case 'fee_paid': {
        const open = clock.pauses.findLast((p) => p.to === undefined);
        if (open) open.to = e.on_date;
        break;
      }
      case 'extended':
        clock.extensionDays = Number(e.data.days);
        break;
    }
  }
  return clock;
}

/** Whether the clock stands still now (an open consultation or an unpaid fee notice). */
export function isPaused(clock: CaseClock): boolean {
  return clock.pauses.some((p) => p.to === undefined);
}

import { v7 } from 'uuid';

/** New record id: UUIDv7 — time-ordered for index locality, unguessable for IDOR sweeps (security.md T12). */
export function newId(): string {
  return v7();
}

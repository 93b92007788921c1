import type { Context } from '../../core/context';
import { verifyAttachment } from '../attachments';
import { type ContentCheck, complianceCheck } from './content-checks';
import { httpLinkChecker } from './external-links';
import type { InspectionFinding, ScopedFinding } from './finding';
import type { AttachmentState } from './links';
import type { InspectionRules } from './rules';

// What one scan carries: the context, rules, clock reading, this site's host names, the content checks,
// an optional external-link checker, and per-scan caches (an attachment file is hashed once per scan).

/** Checks an external URL (only when configured): a problem in Chinese, or null when it loads. */
export type ExternalLinkChecker = (url: string) => Promise<string | null>;

export interface ScanOptions {
  contentChecks?: readonly ContentCheck[];
  externalLinks?: ExternalLinkChecker | undefined;
}

export interface ScanEnv {
  ctx: Context;
  rules: InspectionRules;
  now: Date;
  hosts: string[];
  checks: readonly ContentCheck[];
  external: ExternalLinkChecker | undefined;
  attachmentStates: Map<string, AttachmentState>;
  externalResults: Map<string, string | null>;
}

/** The environment of one scan. */
export function envOf(ctx: Context, rules: InspectionRules, options: ScanOptions): ScanEnv {
  const domain = ctx.config.site.domain.toLowerCase();
  const bare = domain.replace(/^www\./, '');
  return {
    ctx,
    rules,
    now: ctx.clock.now(),
    hosts: [bare, `www.${bare}`],
    checks: options.contentChecks ?? [complianceCheck(ctx)],
    external: options.externalLinks ?? (ctx.config.inspectExternalLinks ? httpLinkChecker() : undefined),
    attachmentStates: new Map(),
    externalResults: new Map(),
  };
}

/** Attaches the owning agency to a finding. */
export const scoped =
  (agencyId: string | null) =>
  (f: InspectionFinding): ScopedFinding => ({ ...f, agencyId });

/** Whether a live attachment's file is on disk with its recorded SHA-256 (cached per scan). */
export async function attachmentState(env: ScanEnv, id: string): Promise<AttachmentState> {
  const known = env.attachmentStates.get(id);
  if (known) return known;
  const v = await verifyAttachment(env.ctx, id);
  const state: AttachmentState = v.ok ? 'ok' : v.actual === null ? 'missing_file' : 'mismatch';
  env.attachmentStates.set(id, state);
  return state;
}

import { z } from 'zod';
import { parseCidrList } from '../core/cidr';

// The only reader of process.env: everything configurable is declared and validated here, once, at boot.
const intFrom = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** GONGKAI_SHED_EVENT_LOOP_DELAY_MS unless set; the load bench passes it too (tests turn shedding off). */
export const DEFAULT_SHED_LIMIT_MS = 200;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  GONGKAI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'DATABASE_URL must be a postgres:// URL; leave it unset for embedded SQLite',
    )
    .optional(),
  GONGKAI_DEMO: flag.optional(),
  GONGKAI_AUDIT_KEY: z.string().min(32, 'GONGKAI_AUDIT_KEY must be at least 32 characters').optional(),
  GONGKAI_SECRET_KEY: z.string().min(32, 'GONGKAI_SECRET_KEY must be at least 32 characters').optional(),
  GONGKAI_TRUST_PROXY: z.string().optional(),
  // The networks the back office may be reached from (comma-separated addresses or CIDRs; 等保
  // 8.1.4.4): checked here so a typo stops the start with the entry named, applied in admin-network.ts.
  GONGKAI_ADMIN_CIDRS: z
    .string()
    .optional()
    .superRefine((value, check) => {
      if (!value) return;
      try {
        parseCidrList(value);
      } catch (error) {
        check.addIssue({ code: 'custom', message: `GONGKAI_ADMIN_CIDRS: ${(error as Error).message}` });
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // 等保 8.1.4.1 b and security.md §1.5: session and lockout values, each with its MLPS-safe default.
  GONGKAI_SESSION_IDLE_MINUTES: intFrom(15),
  GONGKAI_SESSION_ABSOLUTE_HOURS: intFrom(8),
  GONGKAI_SINGLE_SESSION: flag.default(true),
  GONGKAI_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  GONGKAI_LOCKOUT_MINUTES: intFrom(30),
  GONGKAI_IP_FAILURES_PER_HOUR: intFrom(50),
  GONGKAI_PASSWORD_MAX_AGE_DAYS: intFrom(90),
  GONGKAI_PUBLIC_POSTS_PER_MINUTE: intFrom(10),
  // Load shedding (security.md T1): the limit, in ms, on the larger of the event-loop delay and the
  // standing queue (the shortest answer time of the last 250 ms); past it a growing share of reads is
  // answered 503 + Retry-After (src/web/http/load-shedding.ts). The name predates the queue reading.
  GONGKAI_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_SHED_LIMIT_MS),
  // Admission by concurrency (security.md T1): public reads in flight at once beyond this wait up to 1 s
  // for a place, then are answered 503 + Retry-After (src/web/http/admission-gate.ts); unset: twice the
  // PostgreSQL pool, or 64 on SQLite; 0: no cap. Only while load shedding is on (the limit above is not 0).
  GONGKAI_SHED_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).optional(),
  // Whether `serve` also runs the scheduled duties, in a `gongkai worker` it forks and restarts (never on
  // its own event loop: src/app/duty-process.ts); 0 when a separate `gongkai worker` runs them. Either
  // way each duty claims its slot in duty_runs, so it runs once however many processes tick it.
  GONGKAI_DUTIES: flag.default(true),
  // 可信验证 (security.md T18): whether a changed byte in the sealed build or configuration stops the
  // server from starting (1), or only raises the alarm and the audit record (0, the default).
  GONGKAI_INTEGRITY_ENFORCE: flag.default(false),
  // 规范性文件 validity (law-and-formats.md §3.5): 5 years, 2 for 试行/暂行, unless a province says otherwise.
  GONGKAI_NORMATIVE_YEARS: z.coerce.number().int().min(1).max(10).default(5),
  GONGKAI_NORMATIVE_TRIAL_YEARS: z.coerce.number().int().min(1).max(5).default(2),
  // 三同步 (law-and-formats.md §4.2): an interpretation goes out with its policy, or at most 3 working days later.
  GONGKAI_INTERPRETATION_LAG_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3, '解读最迟在政策发布后 3 个工作日内发布')
    .default(0),
  // Attachment limits (security.md T7): 20 MB per file, 10 files and 100 MB per submission.
  GONGKAI_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  GONGKAI_ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  GONGKAI_ATTACHMENT_SUBMISSION_MB: z.coerce.number().int().min(1).max(2000).default(100),
  // Footer and meta-tag identity of the site (portal-standards.md §2, §7).
  GONGKAI_SITE_NAME: z.string().default('示范区人民政府'),
  GONGKAI_SITE_DOMAIN: z.string().default('www.example.gov.cn'),
  GONGKAI_SITE_ID_CODE: z
    .string()
    .regex(/^\d{10}$/, 'GONGKAI_SITE_ID_CODE (网站标识码) must be 10 digits')
    .default('3301000001'),
  GONGKAI_ICP: z.string().default('浙ICP备00000000号'),
  GONGKAI_PSB: z.string().default('浙公网安备 33010002000001号'),
  GONGKAI_SITE_SPONSOR: z.string().default('示范区人民政府办公室'),
  GONGKAI_SITE_CONTACT: z.string().default('0571-00000000'),
  // 依申请公开: online applications beyond this many per IP and hour wait in the holding queue for a
  // person (nothing is dropped); personal fields are deleted this many years after a case closes.
  GONGKAI_APPLICATION_HOLD_PER_HOUR: intFrom(5),
  GONGKAI_APPLICATION_RETENTION_YEARS: z.coerce.number().int().min(1).max(30).default(10),
  // Working days before the due date at which the handler is warned (dashboard and e-mail).
  GONGKAI_APPLICATION_WARN_DAYS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'GONGKAI_APPLICATION_WARN_DAYS must be comma-separated numbers, e.g. 5,2')
    .default('5,2'),
  // 部门信箱: letters beyond this many per IP and hour wait in the holding queue for a person.
  GONGKAI_MAILBOX_HOLD_PER_HOUR: intFrom(3),
  // The whole-site inspection checks external links only when asked (they cost a request each).
  GONGKAI_INSPECT_EXTERNAL_LINKS: flag.default(false),
  // The bodies named in refusal letters for 行政复议 and 行政诉讼 (条例 Art. 51).
  GONGKAI_RECONSIDERATION_BODY: z.string().default('示范区人民政府'),
  GONGKAI_COURT: z.string().default('示范区人民法院'),
  // Outgoing mail (reminders, notices). Unset: mail waits in the outbox and the back office says so.
  GONGKAI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'GONGKAI_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525')
    .optional(),
  GONGKAI_MAIL_FROM: z.string().min(3).default('政务公开平台 <noreply@example.gov.cn>'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  demo: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  auditKey: string | undefined;
  secretKey: string | undefined;
  trustProxy: string | undefined;
  /** GONGKAI_ADMIN_CIDRS: where the back office may be reached from; undefined, anywhere. */
  adminCidrs: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number; single: boolean };
  lockout: { threshold: number; minutes: number; ipFailuresPerHour: number };
  passwordMaxAgeDays: number;
  publicPostsPerMinute: number;
  shedEventLoopDelayMs: number; // limit on max(event-loop delay, standing queue); 0 = never shed load
  shedMaxInFlight: number | undefined; // public reads in flight at once; unset = from the pool, 0 = no cap
  /** Whether `serve` forks a `gongkai worker` for the scheduled duties (GONGKAI_DUTIES; a worker always runs them). */
  runDuties: boolean;
  /** Whether a failed integrity check at boot refuses the start (GONGKAI_INTEGRITY_ENFORCE). */
  integrityEnforce: boolean;
  normativeValidity: { years: number; trialYears: number };
  interpretationLagDays: number;
  attachments: { maxFileBytes: number; maxFiles: number; maxSubmissionBytes: number };
  site: {
    name: string;
    domain: string;
    idCode: string;
    icp: string;
    psb: string;
    sponsor: string;
    contact: string;
  };
  inspectExternalLinks: boolean;
  applications: {
    holdPerHour: number;
    retentionYears: number;
    warnDays: number[];
    reconsiderationBody: string;
    court: string;
  };
  mail: { smtpUrl: string | undefined; from: string };
  mailbox: { holdPerHour: number };
}

/** Parses the environment once; a bad value stops the boot with a message naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    production,
    demo: e.GONGKAI_DEMO ?? !production,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.GONGKAI_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    auditKey: e.GONGKAI_AUDIT_KEY,
    secretKey: e.GONGKAI_SECRET_KEY,
    trustProxy: e.GONGKAI_TRUST_PROXY,
    adminCidrs: e.GONGKAI_ADMIN_CIDRS || undefined,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.GONGKAI_SESSION_IDLE_MINUTES,
      absoluteHours: e.GONGKAI_SESSION_ABSOLUTE_HOURS,
      single: e.GONGKAI_SINGLE_SESSION,
    },
    lockout: {
      threshold: e.GONGKAI_LOCKOUT_THRESHOLD,
      minutes: e.GONGKAI_LOCKOUT_MINUTES,
      ipFailuresPerHour: e.GONGKAI_IP_FAILURES_PER_HOUR,
    },
    passwordMaxAgeDays: e.GONGKAI_PASSWORD_MAX_AGE_DAYS,
    publicPostsPerMinute: e.GONGKAI_PUBLIC_POSTS_PER_MINUTE,
    shedEventLoopDelayMs: e.GONGKAI_SHED_EVENT_LOOP_DELAY_MS,
    shedMaxInFlight: e.GONGKAI_SHED_MAX_IN_FLIGHT,
    runDuties: e.GONGKAI_DUTIES,
    integrityEnforce: e.GONGKAI_INTEGRITY_ENFORCE,
    normativeValidity: { years: e.GONGKAI_NORMATIVE_YEARS, trialYears: e.GONGKAI_NORMATIVE_TRIAL_YEARS },
    interpretationLagDays: e.GONGKAI_INTERPRETATION_LAG_DAYS,
    attachments: {
      maxFileBytes: e.GONGKAI_ATTACHMENT_MAX_MB * 1_048_576,
      maxFiles: e.GONGKAI_ATTACHMENT_MAX_FILES,
      maxSubmissionBytes: e.GONGKAI_ATTACHMENT_SUBMISSION_MB * 1_048_576,
    },
    site: {
      name: e.GONGKAI_SITE_NAME,
      domain: e.GONGKAI_SITE_DOMAIN,
      idCode: e.GONGKAI_SITE_ID_CODE,
      icp: e.GONGKAI_ICP,
      psb: e.GONGKAI_PSB,
      sponsor: e.GONGKAI_SITE_SPONSOR,
      contact: e.GONGKAI_SITE_CONTACT,
    },
    inspectExternalLinks: e.GONGKAI_INSPECT_EXTERNAL_LINKS,
    applications: {
      holdPerHour: e.GONGKAI_APPLICATION_HOLD_PER_HOUR,
      retentionYears: e.GONGKAI_APPLICATION_RETENTION_YEARS,
      warnDays: e.GONGKAI_APPLICATION_WARN_DAYS.split(',')
        .map(Number)
        .sort((a, b) => b - a),
      reconsiderationBody: e.GONGKAI_RECONSIDERATION_BODY,
      court: e.GONGKAI_COURT,
    },
    mail: { smtpUrl: e.GONGKAI_SMTP_URL, from: e.GONGKAI_MAIL_FROM },
    mailbox: { holdPerHour: e.GONGKAI_MAILBOX_HOLD_PER_HOUR },
  };
}

import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once shipped. Whole-site inspection (网站普查/自查) against 国办秘函〔2019〕19号 and rectification
// to closure (整改): one row per inspection, its findings, and the rectification tasks findings open or join.
//
// Freshness rules: `columns.update_days` already carries each column's own update cycle (null = static
// column, exempt), so it stays the one maximum age a column is held to. What it cannot say is added here:
//   column_freshness_rules — which national veto counter a column counts toward (动态要闻 in 2 weeks;
//     通知公告/政策文件 一级栏目 in 6 months; 人事/规划计划 in 1 year per the 2015 普查) and how many days
//     before its limit to warn; matched by column id first, then by slug;
//   inspection_thresholds  — the site-wide counters and early-warning points.
// Values are the national ones of portal-standards.md §5.2 (veto thresholds, verified) and §5.6 (the
// vendors' early-warning points); each row cites its basis. The back office may edit them later.

const VETO_COLUMNS =
  '19号 单项否决「栏目不更新」1：监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的通知公告、政策文件类一级栏目，累计超过（含）5个未更新';

const freshnessRules = [
  [
    'news',
    'dynamic',
    14,
    4,
    `${VETO_COLUMNS}（预警提前量：开普云 首页超过10天未更新即预警，portal-standards.md §5.6）`,
  ],
  ['notices', 'notice_policy', 180, null, VETO_COLUMNS],
  [
    'policies',
    'notice_policy',
    180,
    null,
    `${VETO_COLUMNS}；国管局自查：6个月内政策文件类一级栏目未更新，扣5分`,
  ],
  ['plans', 'long_cycle', 365, null, '2015年普查：考察监测时间点前1年内，人事、规划计划类信息，是否更新'],
  ['personnel', 'long_cycle', 365, null, '2015年普查：考察监测时间点前1年内，人事、规划计划类信息，是否更新'],
  ['on-request', 'none', null, null, '依申请公开为办事入口栏目（申请表单与流程），不按空白栏目计'],
] as const;

const thresholds = [
  ['home_veto_days', 14, '19号 单项否决「首页不更新」：监测2周，首页无信息更新的，即单项否决'],
  ['home_warn_days', 10, '开普云预警：首页超过10天未更新（portal-standards.md §5.6）'],
  ['key_stale_veto', 5, VETO_COLUMNS],
  ['stale_columns_veto', 10, '19号 单项否决「栏目不更新」2：应更新但长期未更新的栏目数量超过（含）10个'],
  ['stale_columns_warn', 6, '开普云预警：超过6个栏目不更新（portal-standards.md §5.6）'],
  ['blank_columns_veto', 5, '19号 单项否决「栏目不更新」3：空白栏目数量超过（含）5个'],
  ['blank_columns_warn', 2, '开普云预警：空白栏目超过2个（portal-standards.md §5.6）'],
  ['column_warn_percent', 70, '无专门规则的栏目：已过更新周期的70%即预警（14天周期约第10天，同首页预警）'],
  ['rectify_days_veto', 5, '本地规定：单项否决类问题5个工作日内整改'],
  ['rectify_days_deduct', 10, '本地规定：扣分类问题10个工作日内整改'],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql.raw(`"trigger" IN ('scheduled', 'manual')`)))
    .addColumn('scope', 'text', (c) => c.notNull()) // 'site': every published item, column and attachment
    .addColumn('started_by', 'text', (c) => c.references('users.id'))
    .addColumn('score', 'double precision') // 扣分指标 score out of 100; null while running
    .addColumn('veto_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull()) // JSON: counters, vetoes, deductions
    .execute();
  await db.schema.createIndex('inspections_started').on('inspections').column('started_at').execute();

  await db.schema
    .createTable('rectification_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id')) // null: no owner found
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql.raw("severity IN ('veto', 'deduct', 'warn')")),
    )
    .addColumn('fingerprint', 'text', (c) => c.notNull()) // the problem's stable key
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull()) // as last seen
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('deadline', 'text', (c) => c.notNull()) // YYYY-MM-DD, in working days from opening
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql.raw("status IN ('open', 'closed', 'excepted')")),
    )
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id')) // null when a scan closed it
    .addColumn('closed_inspection_id', 'text', (c) => c.references('inspections.id'))
    .addColumn('exception_reason', 'text')
    .addColumn('last_seen_inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('times_seen', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One open task per problem: the service joins findings to it; the index makes a race fail loudly.
  await db.schema
    .createIndex('rectification_tasks_open_fingerprint')
    .on('rectification_tasks')
    .column('fingerprint')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('rectification_tasks_agency_opened')
    .on('rectification_tasks')
    .columns(['agency_id', 'opened_at'])
    .execute();

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql.raw("severity IN ('veto', 'deduct', 'warn')")),
    )
    .addColumn('object_type', 'text', (c) => c.notNull()) // item | column | attachment | site | agency
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull()) // JSON
    .addColumn('task_id', 'text', (c) => c.references('rectification_tasks.id')) // null for warnings
    .execute();
  await db.schema
    .createIndex('inspection_findings_inspection')
    .on('inspection_findings')
    .columns(['inspection_id', 'severity'])
    .execute();

  await db.schema
    .createTable('column_freshness_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text') // matches columns.slug of every agency …
    .addColumn('column_id', 'text', (c) => c.references('columns.id')) // … or one column (wins)
    .addColumn('veto_class', 'text', (c) =>
      c.notNull().check(sql.raw("veto_class IN ('dynamic', 'notice_policy', 'long_cycle', 'none')")),
    )
    .addColumn('national_max_days', 'integer') // the national limit the veto counter uses
    .addColumn('warn_days', 'integer') // warn this many days before the column's limit; null: column_warn_percent
    .addColumn('blank_exempt', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql.raw('blank_exempt IN (0, 1)')),
    )
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inspection_thresholds')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('column_freshness_rules')
    .values(
      freshnessRules.map(([slug, vetoClass, max, warn, basis]) => ({
        id: `national-${slug}`,
        slug,
        column_id: null,
        veto_class: vetoClass,
        national_max_days: max,
        warn_days: warn,
        blank_exempt: vetoClass === 'none' ? 1 : 0,
        basis,
        updated_at: at,
      })),
    )
    .execute();
  await db
    .insertInto('inspection_thresholds')
    .values(thresholds.map(([key, value, basis]) => ({ key, value, basis, updated_at: at })))
    .execute();
}

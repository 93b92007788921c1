import {
  type FreshnessRuleView,
  type RuleChange,
  ruleTarget,
  type ThresholdView,
  vetoClassLabels,
} from '../../../modules/inspections';
import { formatDateTime } from '../../portal/views/item-list';
import { ActionButton } from './form';
import { Tabs } from './inspection-pages';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

// 检查规则 (issue 5; architecture.md "rules are data"): the column-freshness rules and the site-wide
// thresholds the whole-site inspection uses, each with its legal basis, and the recent changes from the
// audit log. Every business user may read; only the district supervisor sees the editing controls.

export interface InspectionRulesProps {
  rules: FreshnessRuleView[];
  thresholds: ThresholdView[];
  history: RuleChange[];
  canEdit: boolean;
  saved?: string | undefined;
}

const days = (v: number | null, empty: string) => (v === null ? empty : `${v} 天`);

function RuleTable(props: InspectionRulesProps & { csrf: string }) {
  return (
    <Table
      class="wording-rules"
      caption={`栏目更新规则（${props.rules.length} 条）`}
      columns={['适用栏目', '否决类别', '全国最长期限', '预警提前', '空白栏目', '依据', '操作']}
    >
      {props.rules.map((r) => (
        <tr>
          <td>{ruleTarget(r)}</td>
          <td>{vetoClassLabels[r.vetoClass]}</td>
          <td class="nowrap">{days(r.nationalMaxDays, '不适用')}</td>
          <td class="nowrap">{days(r.warnDays, '按预警百分比')}</td>
          <td class="nowrap">{r.blankExempt ? '不计' : '计入'}</td>
          <td class="explanation">{r.basis}</td>
          <td class="row-actions">
            {props.canEdit && (
              <>
                <a
                  href={`/admin/inspections/rules/${encodeURIComponent(r.id)}/edit`}
                  aria-label={`修改：${ruleTarget(r)}`}
                >
                  修改
                </a>
                {r.columnId ? (
                  <ActionButton
                    action={`/admin/inspections/rules/${encodeURIComponent(r.id)}/delete`}
                    csrf={props.csrf}
                    label="删除单独设置"
                  />
                ) : (
                  <a
                    href={`/admin/inspections/rules/new?from=${encodeURIComponent(r.id)}`}
                    aria-label={`单独设置某栏目（${r.slug ?? ''}）`}
                  >
                    单独设置某栏目
                  </a>
                )}
              </>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function ThresholdTable(props: InspectionRulesProps) {
  return (
    <Table caption="全站检查阈值" columns={['阈值', '数值', '依据', '操作']}>
      {props.thresholds.map((t) => (
        <tr>
          <td>{t.label}</td>
          <td class="nowrap">{`${t.value} ${t.unit}`}</td>
          <td class="explanation">{t.basis}</td>
          <td class="nowrap">
            {props.canEdit && (
              <a
                href={`/admin/inspections/thresholds/${thresholdPath(t)}/edit`}
                aria-label={`修改：${t.label}`}
              >
                修改
              </a>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** The stored key of a threshold in URLs ('homeVetoDays' → 'home_veto_days'). */
export function thresholdPath(t: Pick<ThresholdView, 'key'>): string {
  return t.key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function History(props: { history: RuleChange[] }) {
  if (props.history.length === 0) return <p class="empty">尚无修改记录</p>;
  return (
    <Table caption="最近的修改" columns={['时间', '操作人', '操作', '对象', '变更']}>
      {props.history.map((h) => (
        <tr>
          <td class="nowrap">{formatDateTime(h.at)}</td>
          <td>{h.actor}</td>
          <td>{h.action}</td>
          <td>{h.target}</td>
          <td>
            <ul>
              {h.changes.map((c) => (
                <li>{c}</li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** The rules screen: freshness rules, thresholds, and the recent changes. */
export function InspectionRulesPage(props: AdminShell & InspectionRulesProps) {
  return (
    <AdminLayout {...props} title="全站检查规则">
      <Tabs current="rules" />
      <p class="hint">
        全站检查按以下规则判断栏目是否更新、何时预警、何时单项否决（国办秘函〔2019〕19号）。栏目本身的更新周期在栏目设置中填写；这里决定栏目计入哪一项否决指标、提前几天预警。单独设置优先于按栏目标识的规则。修改后下一次检查即按新规则执行。
        {props.canEdit ? '' : '仅区政府办监管角色可以修改。'}
      </p>
      {props.saved && (
        <p class="notice" role="status">
          {props.saved}
        </p>
      )}
      {props.canEdit && (
        <p>
          <a href="/admin/inspections/rules/new">为某一栏目单独设置规则</a>
        </p>
      )}
      <RuleTable {...props} csrf={props.csrf} />
      <ThresholdTable {...props} />
      <h2>修改记录</h2>
      <History history={props.history} />
    </AdminLayout>
  );
}

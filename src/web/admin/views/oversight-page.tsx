import { cellText, filterQuery, type MetricSection, type ResolvedFilter } from '../../../modules/oversight';
import { Chart } from './chart-svg';
import { AdminLayout, type AdminShell } from './layout';
import { OversightFilterForm } from './oversight-filter-form';
import { Table } from './table';

// 统计分析: the district supervisor's view across departments. Each metric is a section with its
// definition (口径), a chart drawn on the server and a table of the same numbers; Excel has them all.

function MetricView(props: { section: MetricSection; period: string }) {
  const s = props.section;
  const headingId = `h-${s.id}`;
  return (
    <section id={s.id} aria-labelledby={headingId}>
      <h2 id={headingId}>{s.title}</h2>
      <p class="hint">口径：{s.definition}</p>
      {s.note && <p class="notice">{s.note}</p>}
      {s.chart && <Chart spec={s.chart} label={`${s.chart.title}，${props.period}；数据见下表`} />}
      {s.table.rows.length > 0 ? (
        <Table caption={`${s.title}（${props.period}）`} columns={s.table.columns}>
          {s.table.rows.map((r) => (
            <tr>
              <th scope="row" class="nowrap">
                {cellText(r[0] ?? null)}
              </th>
              {r.slice(1).map((c) => (
                <td>{cellText(c)}</td>
              ))}
            </tr>
          ))}
          {s.table.total && (
            <tr class="total">
              <th scope="row" class="nowrap">
                {cellText(s.table.total[0] ?? null)}
              </th>
              {s.table.total.slice(1).map((c) => (
                <td>
                  <strong>{cellText(c)}</strong>
                </td>
              ))}
            </tr>
          )}
        </Table>
      ) : (
        !s.note && <p class="empty">本期没有数据。</p>
      )}
    </section>
  );
}

/** The whole view: filters, export link, table of contents, then every metric. */
export function OversightPage(props: AdminShell & { resolved: ResolvedFilter; sections: MetricSection[] }) {
  const { filter, scope, agencyLabel } = props.resolved;
  const period = `${scope.period.label}，${agencyLabel}`;
  return (
    <AdminLayout {...props} title="统计分析">
      <OversightFilterForm filter={filter} agencies={props.resolved.agencies} />
      <p>
        统计期间：<strong>{scope.period.label}</strong>（{scope.period.fromDay} 至 {scope.period.toDay}
        ，北京时间）；统计单位：
        <strong>{agencyLabel}</strong>。{' '}
        <a class="button secondary" href={`/admin/oversight/export.xlsx?${filterQuery(filter)}`}>
          导出 Excel
        </a>
      </p>
      <nav aria-label="本页指标">
        <p>
          {props.sections.map((s, i) => (
            <>
              {i > 0 && ' · '}
              <a href={`#${s.id}`}>{s.title}</a>
            </>
          ))}
        </p>
      </nav>
      {props.sections.map((s) => (
        <MetricView section={s} period={period} />
      ))}
    </AdminLayout>
  );
}

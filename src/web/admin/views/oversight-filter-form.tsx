import {
  type AgencyName,
  type OversightFilter,
  periodKindLabels,
  periodKinds,
} from '../../../modules/oversight';

// The filter of the supervisor's view: a GET form, so every view has its own bookmarkable address.
// Without JavaScript every period field shows; the chosen 统计周期 says which of them count.

const quarters = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** Department, kind of period, and the period's fields. */
export function OversightFilterForm(props: { filter: OversightFilter; agencies: AgencyName[] }) {
  const f = props.filter;
  return (
    <form method="get" action="/admin/oversight" class="filters" aria-label="统计条件">
      <label>
        单位{' '}
        <select name="agency">
          <option value="">全部单位</option>
          {props.agencies.map((a) => (
            <option value={a.id} selected={f.agency === a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        统计周期{' '}
        <select name="kind">
          {periodKinds.map((k) => (
            <option value={k} selected={f.kind === k}>
              {periodKindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        年度{' '}
        <input name="year" type="number" min={2000} max={2100} value={String(f.year)} inputMode="numeric" />
      </label>
      <label>
        月份（按月）{' '}
        <select name="month">
          {Array.from({ length: 12 }, (_, i) => (
            <option value={String(i + 1)} selected={f.month === i + 1}>{`${i + 1}月`}</option>
          ))}
        </select>
      </label>
      <label>
        季度（按季度）{' '}
        <select name="quarter">
          {quarters.map((q, i) => (
            <option value={String(i + 1)} selected={f.quarter === i + 1}>
              {q}
            </option>
          ))}
        </select>
      </label>
      <label>
        起始日期（自定义） <input name="from" type="date" value={f.from} />
      </label>
      <label>
        截止日期（自定义） <input name="to" type="date" value={f.to} />
      </label>
      <button type="submit" class="small">
        查询
      </button>
    </form>
  );
}

import type { ComponentChildren } from 'preact';
import type { Agency } from '../../../db/schema';
import { Table } from './table';

// The parts of a back-office queue page (依申请公开 cases, 部门信箱 letters): the filter form (a status list
// and, for those who see every agency, an agency list; a plain GET form, so a filtered queue can be
// bookmarked) and the queue table, most urgent first, or a sentence when nothing matches.

/** The status and agency filters of a queue page. */
export function QueueFilters(props: {
  action: string;
  statusLabels: Record<string, string>;
  leading: { value: string; label: string }[]; // the options before the statuses (未办结, 全部 …)
  filter: { status: string; agency: string };
  agencies: Agency[] | null; // null: the agency list is not offered
}) {
  return (
    <form method="get" action={props.action} class="filters" aria-label="筛选">
      <label>
        状态{' '}
        <select name="status">
          {props.leading.map((o) => (
            <option value={o.value} selected={props.filter.status === o.value}>
              {o.label}
            </option>
          ))}
          {Object.entries(props.statusLabels).map(([value, label]) => (
            <option value={value} selected={props.filter.status === value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {props.agencies && (
        <label>
          单位{' '}
          <select name="agency">
            <option value="">全部单位</option>
            {props.agencies.map((a) => (
              <option value={a.id} selected={props.filter.agency === a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" class="small">
        筛选
      </button>
    </form>
  );
}

/** The queue table, or `empty` when no row matches the filters. */
export function QueueTable(props: {
  count: number;
  empty: string;
  caption: string;
  columns: string[];
  children: ComponentChildren;
}) {
  if (props.count === 0) return <p>{props.empty}</p>;
  return (
    <Table class="queue" caption={props.caption} columns={props.columns}>
      {props.children}
    </Table>
  );
}

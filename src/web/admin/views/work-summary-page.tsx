import type { ComposedSummary, WorkSummaryFigures } from '../../../modules/work-summary';
import { Field, type FormState, PostForm, SelectField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

// The year's work summary (工作总结): pick agency and year, read the drafted text with the figures it was
// made from, and (an editor of the agency) create the draft item, which opens in the item editor.

export interface WorkSummaryView {
  agencies: { id: string; name: string }[];
  query: { agencyId: string; year: string };
  drafted: { figures: WorkSummaryFigures; summary: ComposedSummary } | null;
  existing: { id: string; title: string; status: string } | null;
  mayDraft: boolean;
  notice?: string;
}

const statusLabels: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已签发待发布',
  published: '已发布',
};

function figureRows(f: WorkSummaryFigures): [string, string][] {
  const published = f.columns.reduce((n, c) => n + c.published, 0);
  const updated = f.columns.filter((c) => c.published > 0).length;
  const s = f.sourceStatus;
  const r = f.review;
  const rect = f.rectification.map((g) => `${g.label} ${g.opened - g.excepted} 次（${g.rate}%）`).join('、');
  return [
    ['重点工作任务', `${f.tasks.total} 项，完成 ${f.tasks.done} 项，逾期 ${f.tasks.late} 项`],
    ['主动公开信息', `${published} 条；${f.columns.length} 个栏目中 ${updated} 个有更新`],
    [
      '公开属性源头认定',
      `报审 ${s.submitted} 件：主动 ${s.proactive}、依申请 ${s.onRequest}、不予公开 ${s.withheld}`,
    ],
    [
      '三审与保密审查',
      `签发 ${r.signedOff} 件，保密审查 ${r.secrecyReviews} 次，退回 ${r.returned} 次，说明理由放行 ${r.overruled} 次`,
    ],
    [
      '政策解读',
      `${f.interpretations.total} 件；政策文件 ${f.interpretations.policiesPublished} 件，未解读 ${f.interpretations.policiesWithout} 件`,
    ],
    ['整改', rect || '无整改任务'],
  ];
}

function Existing(props: { existing: NonNullable<WorkSummaryView['existing']> }) {
  const e = props.existing;
  return (
    <p class="notice" role="status">
      本年度工作总结已有一稿（{statusLabels[e.status] ?? e.status}）：
      <a href={`/admin/items/${e.id}`}>{e.title}</a>
      {e.status === 'published' ? '。如需修改，请在该信息页发起更正。' : '。请在原稿上修改，不再另起草稿。'}
    </p>
  );
}

function Drafted(props: WorkSummaryView & { csrf: string }) {
  const d = props.drafted;
  if (!d) return null;
  return (
    <>
      <Table caption="数据来源（平台记录）" columns={['工作', '本年度数据']}>
        {figureRows(d.figures).map(([k, v]) => (
          <tr>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </Table>
      {props.existing && <Existing existing={props.existing} />}
      {!props.existing && props.mayDraft && (
        <PostForm action="/admin/work-summary" csrf={props.csrf} label="生成工作总结草稿">
          <input type="hidden" name="agencyId" value={props.query.agencyId} />
          <input type="hidden" name="year" value={props.query.year} />
          <p class="hint">草稿放入本单位“规划计划”栏目，修改并填写【请填写】部分后，按三审流程报审发布。</p>
          <button type="submit">生成草稿信息</button>
        </PostForm>
      )}
      {!props.existing && !props.mayDraft && <p class="hint">草稿由本单位信息员生成并报审。</p>}
      <article class="work-summary" aria-label="工作总结草稿">
        <h2>{d.summary.title}</h2>
        {d.summary.sections.map((sec) => (
          <section>
            {sec.heading && <h3>{sec.heading}</h3>}
            {sec.paragraphs.map((p) => (
              <p>{p}</p>
            ))}
          </section>
        ))}
      </article>
    </>
  );
}

/** The work-summary page. */
export function WorkSummaryPage(props: AdminShell & WorkSummaryView) {
  const state: FormState = { values: props.query };
  return (
    <AdminLayout {...props} title="年度工作总结">
      {props.notice && (
        <p class="form-error" role="alert">
          {props.notice}
        </p>
      )}
      <form method="get" action="/admin/work-summary" class="form" aria-label="选择机构和年度">
        <SelectField
          name="agencyId"
          label="机构"
          state={state}
          options={props.agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Field name="year" label="年度" state={state} inputMode="numeric" hint="如 2023" />
        <button type="submit">按平台数据起草</button>
      </form>
      <Drafted {...props} />
    </AdminLayout>
  );
}

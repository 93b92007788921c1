import type { Agency } from '../../../db/schema';
import { letterTypeLabels, type MonthRow, type PublishedLetter } from '../../../modules/mailbox';
import { type PageShell, PortalLayout } from './layout';
import type { TrackingWords } from './tracking-pages';

// The public side of the 部门信箱 (portal-standards.md §8; 国办发〔2017〕47号 互动交流): where to write, the
// letters published with their writers' consent (来信日期、答复日期、答复单位, never the writer), and the
// monthly figures per agency (received, answered, on time, average working days, satisfaction).

export const mailboxMeta = { ColumnName: '部门信箱', ColumnType: '互动交流' };

/** How the 部门信箱 names itself on the shared tracking pages. */
export const mailboxWords: TrackingWords = {
  meta: mailboxMeta,
  home: { href: '/mailbox', label: '部门信箱' },
  numberLabel: '信件编号',
};

function Crumbs(props: { here: string; agency?: Agency | undefined }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      当前位置：<a href="/">首页</a> › <a href="/mailbox">部门信箱</a>
      {props.agency && (
        <>
          {' '}
          › <a href={`/mailbox/${props.agency.code}`}>{props.agency.name}</a>
        </>
      )}{' '}
      › {props.here}
    </nav>
  );
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

/** The monthly table: one row per agency and month. */
export function MonthlyTable(props: { rows: MonthRow[]; caption: string }) {
  if (props.rows.length === 0) return <p class="empty">本年度暂无来信统计。</p>;
  return (
    <table class="mailbox-stats" tabindex={0}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {[
            '月份',
            '单位',
            '收信',
            '答复',
            '按期答复',
            '按期答复率',
            '平均办理（工作日）',
            '满意',
            '基本满意',
            '不满意',
            '满意率',
          ].map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map(({ month, agencyName, stats: s }) => {
          const rated = s.satisfied + s.basicallySatisfied + s.dissatisfied;
          return (
            <tr>
              <td>{month}</td>
              <td>{agencyName}</td>
              <td>{s.received}</td>
              <td>{s.answered}</td>
              <td>{s.answeredOnTime}</td>
              <td>{percent(s.answeredOnTime, s.answered)}</td>
              <td>{s.averageWorkingDays ?? '—'}</td>
              <td>{s.satisfied}</td>
              <td>{s.basicallySatisfied}</td>
              <td>{s.dissatisfied}</td>
              <td>{percent(s.satisfied + s.basicallySatisfied, rated)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The published letters as a list with the three dates and the answering agency. */
export function PublishedList(props: { letters: PublishedLetter[] }) {
  if (props.letters.length === 0) return <p class="empty">暂无选登的来信。</p>;
  return (
    <table class="mailbox-list">
      <caption class="visually-hidden">选登来信</caption>
      <thead>
        <tr>
          <th scope="col">标题</th>
          <th scope="col">类型</th>
          <th scope="col">来信日期</th>
          <th scope="col">答复日期</th>
          <th scope="col">答复单位</th>
        </tr>
      </thead>
      <tbody>
        {props.letters.map((l) => (
          <tr>
            <td>
              <a href={`/mailbox/letters/${l.id}`}>{l.subject}</a>
            </td>
            <td>{letterTypeLabels[l.type]}</td>
            <td>{l.receivedOn}</td>
            <td>{l.answeredOn}</td>
            <td>{l.agencyName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MailboxGuide() {
  return (
    <ul class="guide">
      <li>
        一事一信，请写明具体事项、时间和地点。涉及诉讼、行政复议、仲裁或信访程序中的事项，请通过相应渠道反映。
      </li>
      <li>
        答复时限：咨询类一般 5 个工作日内答复，建议、投诉、求助等一般 15
        个工作日内答复（以办理单位公布的时限为准）。
      </li>
      <li>您的姓名和联系方式严格保密，只用于办理来信；您同意公开的，来信和答复去除个人信息后选登。</li>
      <li>提交后您将获得信件编号和查询码，凭两者查看办理进度、答复，并对答复作出评价。</li>
    </ul>
  );
}

/** The two columns every 信箱 page ends with: the published letters and the year's monthly figures. */
function LettersAndFigures(props: {
  letters: PublishedLetter[];
  rows: MonthRow[];
  year: string;
  caption: string;
}) {
  return (
    <>
      <section aria-labelledby="published-h">
        <h2 id="published-h">来信选登</h2>
        <PublishedList letters={props.letters} />
      </section>
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">{props.year} 年来信办理情况</h2>
        <MonthlyTable rows={props.rows} caption={props.caption} />
      </section>
    </>
  );
}

/** GET /mailbox: the district-wide page. */
export function MailboxHomePage(
  props: PageShell & { agencies: Agency[]; letters: PublishedLetter[]; rows: MonthRow[]; year: string },
) {
  return (
    <PortalLayout {...props} title="部门信箱" meta={mailboxMeta}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › 部门信箱
      </nav>
      <h1>部门信箱</h1>
      <MailboxGuide />
      <p>
        <a class="button secondary" href="/mailbox/track">
          查询来信办理情况
        </a>
      </p>
      <section aria-labelledby="write-h">
        <h2 id="write-h">选择收信单位</h2>
        <ul class="agency-grid">
          {props.agencies.map((a) => (
            <li>
              <a href={`/mailbox/${a.code}/write`}>
                <span class="visually-hidden">给</span>
                {a.name}
                <span class="visually-hidden">写信</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <LettersAndFigures {...props} caption={`${props.year} 年各单位来信办理情况（按月）`} />
    </PortalLayout>
  );
}

/** GET /mailbox/:code: one agency's 信箱 column. */
export function AgencyMailboxPage(
  props: PageShell & { agency: Agency; letters: PublishedLetter[]; rows: MonthRow[]; year: string },
) {
  return (
    <PortalLayout {...props} title={`${props.agency.name} 部门信箱`} meta={mailboxMeta}>
      <Crumbs here="来信选登" />
      <h1>{props.agency.name} 部门信箱</h1>
      <p>
        <a class="button" href={`/mailbox/${props.agency.code}/write`}>
          我要写信
        </a>{' '}
        <a class="button secondary" href="/mailbox/track">
          查询来信办理情况
        </a>
      </p>
      <LettersAndFigures {...props} caption={`${props.agency.name} ${props.year} 年来信办理情况（按月）`} />
    </PortalLayout>
  );
}

/** GET /mailbox/letters/:id: one published letter and its reply. */
export function PublishedLetterPage(props: PageShell & { letter: PublishedLetter }) {
  const l = props.letter;
  return (
    <PortalLayout {...props} title={l.subject} meta={{ ...mailboxMeta, ArticleTitle: l.subject }}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href="/mailbox">部门信箱</a> ›{' '}
        <a href={`/mailbox/${l.agencyCode}`}>{l.agencyName}</a> › 来信详情
      </nav>
      <article class="mailbox-letter">
        <h1>{l.subject}</h1>
        <dl class="meta-list letter-facts">
          <dt>类型</dt>
          <dd>{letterTypeLabels[l.type]}</dd>
          <dt>来信日期</dt>
          <dd>{l.receivedOn}</dd>
          <dt>答复日期</dt>
          <dd>{l.answeredOn}</dd>
          <dt>答复单位</dt>
          <dd>{l.agencyName}</dd>
        </dl>
        <section aria-labelledby="content-h">
          <h2 id="content-h">来信内容</h2>
          <p class="request-text letter-content">{l.content}</p>
        </section>
        <section aria-labelledby="reply-h">
          <h2 id="reply-h">答复内容</h2>
          <p class="request-text letter-reply">{l.reply}</p>
        </section>
      </article>
    </PortalLayout>
  );
}

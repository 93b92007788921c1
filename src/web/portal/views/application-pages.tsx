import type { Agency } from '../../../db/schema';
import { type PageShell, PortalLayout } from './layout';
import { CredentialsForm, ReceiptCodes, type TrackingWords } from './tracking-pages';

// The public pages around an application: the guide (申请须知) with the agencies, the receipt shown once
// after submitting (the page that says a submission was too frequent is the shared one).

/** How 依申请公开 names itself on the shared tracking pages. */
export const applyWords: TrackingWords = {
  meta: { ColumnName: '依申请公开', ColumnType: '办事' },
  home: { href: '/apply', label: '依申请公开' },
  numberLabel: '申请编号',
};
const meta = applyWords.meta;

/** GET /apply: what the 条例 asks of an application, the time limits, fees, tracking; then whom to ask. */
export function ApplyGuidePage(props: PageShell & { agencies: Agency[] }) {
  return (
    <PortalLayout {...props} title="依申请公开" meta={meta}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › 依申请公开
      </nav>
      <h1>依申请公开</h1>
      <p class="lead">
        除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。申请前，建议先在本网站
        <a href="/search">搜索</a>，您需要的信息可能已经公开。
      </p>
      <p>
        <a class="button secondary" href="/apply/track">
          查询办理进度
        </a>
      </p>
      <section aria-labelledby="guide-h">
        <h2 id="guide-h">申请须知</h2>
        <ol class="guide">
          <li>
            <strong>申请内容。</strong>
            申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，以及获取信息的方式、途径（条例第二十九条）。本网站只收集这些内容。
          </li>
          <li>
            <strong>收到申请之日。</strong>
            通过本网站提交的，提交成功即由本平台确认，确认之日为收到申请之日（条例第三十一条）。
          </li>
          <li>
            <strong>答复期限。</strong>
            不能当场答复的，自收到申请之日起 <strong>20 个工作日</strong>
            内予以答复；需要延长的，经负责人同意并告知申请人，延长的期限最长不超过 20
            个工作日（条例第三十三条）。需要补正或征求第三方意见的，所需时间不计算在内。
          </li>
          <li>
            <strong>收费。</strong>
            依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，可依规定收取信息处理费（条例第四十二条）。
          </li>
          <li>
            <strong>查询进度。</strong>
            提交后您将获得<strong>申请编号</strong>和<strong>查询码</strong>
            ，凭两者可随时查看办理进度、下载答复文书。
          </li>
        </ol>
      </section>
      <section aria-labelledby="agencies-h">
        <h2 id="agencies-h">选择受理机关</h2>
        <p>请向制作或保存所需信息的机关提出申请：</p>
        <ul class="agency-grid">
          {props.agencies.map((a) => (
            <li>
              <a href={`/apply/${a.code}`}>
                <span class="visually-hidden">向</span>
                {a.name}
                <span class="visually-hidden">提出申请</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </PortalLayout>
  );
}

export interface ReceiptFacts {
  agencyName: string;
  trackingNumber: string;
  queryCode: string;
  held: boolean;
  submittedOn: string;
  receivedOn: string | null;
  due: string | null;
}

/** The answer to a successful submission; the query code is shown here once and nowhere else. */
export function ReceiptPage(props: PageShell & { receipt: ReceiptFacts; csrf: string }) {
  const r = props.receipt;
  return (
    <PortalLayout {...props} title="申请已提交" meta={meta}>
      <ReceiptCodes
        words={applyWords}
        heading={r.held ? '申请已保存，待工作人员确认受理' : '申请已提交'}
        agencyLabel="受理机关"
        agencyName={r.agencyName}
        trackingNumber={r.trackingNumber}
        queryCode={r.queryCode}
        warningTail="；凭两者才能查看办理进度和下载答复文书"
      />
      {r.held ? (
        <div class="notice">
          <p>
            您于 {r.submittedOn} 提交的申请<strong>已完整保存，不会丢失</strong>
            。因同一网络地址短时间内提交较多或内容需人工核对，本申请将由工作人员在
            <strong>一个工作日内</strong>确认受理。
          </p>
          <p>
            确认受理之日为收到申请之日，20 个工作日的答复期限自该日起算；确认后您可用上面的编号和查询码查看。
          </p>
        </div>
      ) : (
        <dl class="meta-list">
          <dt>收到申请日期</dt>
          <dd>{r.receivedOn}</dd>
          <dt>答复期限</dt>
          <dd>
            自收到申请之日起 20 个工作日内答复{r.due ? `，即最迟 ${r.due}` : ''}
            ；依法延长的，最长再延长 20 个工作日（条例第三十三条）。
          </dd>
        </dl>
      )}
      <CredentialsForm action="/apply/track" csrf={props.csrf} tracking={r.trackingNumber} code={r.queryCode}>
        <button type="submit">{r.held ? '查看办理进度' : '查看办理进度和受理回执'}</button>
      </CredentialsForm>
      <p>
        <a href="/apply">返回依申请公开</a>
      </p>
    </PortalLayout>
  );
}

import type { ComponentChildren } from 'preact';
import { ErrorSummary, PublicForm, type PublicFormState, TextInput } from './application-fields';
import { type PageShell, PortalLayout } from './layout';

// The pages every public feature with a tracking number and query code shares (依申请公开, 部门信箱): the
// tracking form, the codes on the receipt, the POST forms that carry the two codes (the query code never
// travels in a URL), and the page for a refused, too-frequent submission.

/** How a feature names itself on these pages. */
export interface TrackingWords {
  meta: Record<string, string>;
  home: { href: string; label: string }; // the feature's column, for breadcrumbs and "back" links
  numberLabel: string; // 申请编号, 信件编号 …
}

/** The tracking number and query code as hidden fields of a form that opens the case again. */
export function TrackingCredentials(props: { tracking: string; code: string }) {
  return (
    <>
      <input type="hidden" name="trackingNumber" value={props.tracking} />
      <input type="hidden" name="queryCode" value={props.code} />
    </>
  );
}

/** A one-button POST form carrying the codes (the receipt's "view" button, a letter download …). */
export function CredentialsForm(props: {
  action: string;
  csrf: string;
  tracking: string;
  code: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <TrackingCredentials tracking={props.tracking} code={props.code} />
      {props.children}
    </form>
  );
}

/** The tracking form page, empty or after a mismatch (one message for every kind of mismatch). */
export function TrackingFormPage(
  props: PageShell & {
    words: TrackingWords;
    title: string;
    here: string; // the breadcrumb's last step
    intro: string;
    action: string;
    numberHint: string;
    csrf: string;
    state: PublicFormState;
    message?: string | undefined;
  },
) {
  const labels = { trackingNumber: props.words.numberLabel, queryCode: '查询码' };
  return (
    <PortalLayout {...props} title={props.title} meta={props.words.meta}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href={props.words.home.href}>{props.words.home.label}</a> ›{' '}
        {props.here}
      </nav>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      {props.message && (
        <p class="form-error" role="alert">
          {props.message}
        </p>
      )}
      <ErrorSummary state={props.state} labels={labels} />
      <PublicForm action={props.action} csrf={props.csrf} label={props.title}>
        <TextInput
          name="trackingNumber"
          label={labels.trackingNumber}
          state={props.state}
          required
          maxLength={40}
          autocomplete="off"
          hint={props.numberHint}
        />
        <TextInput
          name="queryCode"
          label={labels.queryCode}
          state={props.state}
          required
          maxLength={20}
          autocomplete="off"
          hint="8 位字母和数字，不区分大小写"
        />
        <p>
          <button type="submit">查询</button>
        </p>
      </PublicForm>
    </PortalLayout>
  );
}

/** The receipt's box: the two codes, shown here once and nowhere else, and the warning to keep them. */
export function ReceiptCodes(props: {
  words: TrackingWords;
  heading: string;
  agencyLabel: string;
  agencyName: string;
  trackingNumber: string;
  queryCode: string;
  warningTail?: string; // after "遗失后无法找回"
}) {
  return (
    <div class="receipt" role="status" aria-labelledby="receipt-h">
      <h1 id="receipt-h">{props.heading}</h1>
      <p>
        {props.agencyLabel}：{props.agencyName}
      </p>
      <dl class="codes-box">
        <div>
          <dt>{props.words.numberLabel}</dt>
          <dd class="code">{props.trackingNumber}</dd>
        </div>
        <div>
          <dt>查询码</dt>
          <dd class="code">{props.queryCode}</dd>
        </div>
      </dl>
      <p class="warning">
        <strong>请抄写或打印保存{props.words.numberLabel}和查询码。</strong>
        查询码只在本页显示一次，本平台只保存其校验值，遗失后无法找回{props.warningTail ?? ''}。
      </p>
    </div>
  );
}

/** 429 from a public form: nothing was stored, wait and try again. */
export function TooFrequentPage(props: PageShell & { words: TrackingWords; waitSeconds: number }) {
  const minutes = Math.max(1, Math.ceil(props.waitSeconds / 60));
  return (
    <PortalLayout {...props} title="操作过于频繁" meta={props.words.meta}>
      <h1>操作过于频繁，请稍后再试</h1>
      <p role="alert">
        为防止滥用，同一网络地址每分钟可提交的次数有限。<strong>本次提交没有保存任何内容。</strong>
        请等待约 {minutes} 分钟后返回上一页重新提交。
      </p>
      <p>
        <a href={props.words.home.href}>返回{props.words.home.label}</a>
      </p>
    </PortalLayout>
  );
}

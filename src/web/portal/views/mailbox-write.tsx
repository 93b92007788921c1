import type { Agency } from '../../../db/schema';
import { CONTENT_MAX, letterTypeLabels, SUBJECT_MAX } from '../../../modules/mailbox';
import {
  ErrorSummary,
  PublicForm,
  type PublicFormState,
  RadioGroup,
  TextArea,
  TextInput,
} from './application-fields';
import { type PageShell, PortalLayout } from './layout';
import { mailboxMeta, mailboxWords } from './mailbox-pages';
import { CredentialsForm, ReceiptCodes } from './tracking-pages';

// The letter form (portal-standards.md §8.2 fields: type, title with a length limit, a body of at most
// 1000 字, name, telephone, optional e-mail, and the 公开意愿), the receipt shown once with the tracking
// number and query code (the page for a refused, too-frequent submission is the shared one).

export const letterFieldLabels: Record<string, string> = {
  type: '来信类型',
  subject: '标题',
  content: '来信内容',
  name: '姓名',
  phone: '联系电话',
  email: '电子邮箱',
  consent: '是否同意公开',
};
const L = letterFieldLabels;

/** GET/POST /mailbox/:code/write. */
export function WriteLetterPage(props: PageShell & { agency: Agency; csrf: string; state: PublicFormState }) {
  const { state } = props;
  const failed = Object.keys(state.errors).length > 0;
  return (
    <PortalLayout {...props} title={`${failed ? '错误：' : ''}给${props.agency.name}写信`} meta={mailboxMeta}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href="/mailbox">部门信箱</a> ›{' '}
        <a href={`/mailbox/${props.agency.code}`}>{props.agency.name}</a> › 写信
      </nav>
      <h1>给{props.agency.name}写信</h1>
      <p>
        标有“（必填）”的项目必须填写。您的姓名和联系方式加密保存，只用于办理本信，任何公开页面都不会显示。
      </p>
      <ErrorSummary state={state} labels={L} />
      <PublicForm action={`/mailbox/${props.agency.code}/write`} csrf={props.csrf} label="写信">
        <RadioGroup name="type" label={L.type ?? ''} state={state} required options={letterTypeLabels} />
        <TextInput
          name="subject"
          label={L.subject ?? ''}
          state={state}
          required
          maxLength={SUBJECT_MAX}
          hint={`4 至 ${SUBJECT_MAX} 个字，概括所反映的事项`}
        />
        <TextArea
          name="content"
          label={L.content ?? ''}
          state={state}
          required
          rows={8}
          maxLength={CONTENT_MAX}
          hint={`10 至 ${CONTENT_MAX} 个字；一事一信，请写明时间、地点和具体诉求`}
        />
        <TextInput
          name="name"
          label={L.name ?? ''}
          state={state}
          required
          maxLength={30}
          autocomplete="name"
        />
        <TextInput
          name="phone"
          label={L.phone ?? ''}
          state={state}
          required
          maxLength={20}
          autocomplete="tel"
          inputMode="tel"
          hint="11 位手机号码或带区号的固定电话，用于工作人员联系您"
        />
        <TextInput
          name="email"
          label={L.email ?? ''}
          state={state}
          type="email"
          maxLength={254}
          autocomplete="email"
          inputMode="email"
          hint="填写后，答复将同时发送到此邮箱"
        />
        <RadioGroup
          name="consent"
          label={L.consent ?? ''}
          state={state}
          required
          hint="同意的，本单位可在去除您的姓名、联系方式等个人信息后，将来信和答复在网站上选登；是否选登由本单位决定。"
          options={{ yes: '同意公开', no: '不同意公开' }}
        />
        <p>
          <button type="submit">提交来信</button>
        </p>
      </PublicForm>
    </PortalLayout>
  );
}

export interface LetterReceiptFacts {
  agencyName: string;
  trackingNumber: string;
  queryCode: string;
  held: boolean;
  dueOn: string | null;
}

/** The answer to a successful submission; the query code is shown here once and nowhere else. */
export function LetterReceiptPage(props: PageShell & { receipt: LetterReceiptFacts; csrf: string }) {
  const r = props.receipt;
  return (
    <PortalLayout {...props} title="来信已提交" meta={mailboxMeta}>
      <ReceiptCodes
        words={mailboxWords}
        heading={r.held ? '来信已保存，待工作人员确认' : '来信已提交'}
        agencyLabel="收信单位"
        agencyName={r.agencyName}
        trackingNumber={r.trackingNumber}
        queryCode={r.queryCode}
      />
      {r.held ? (
        <p class="notice">
          您的来信已完整保存，不会丢失。因同一网络地址短时间内来信较多，将由工作人员确认后办理，答复时限自确认之日起计算。
        </p>
      ) : (
        <p>答复期限：最迟 {r.dueOn} 前答复。</p>
      )}
      <CredentialsForm
        action="/mailbox/track"
        csrf={props.csrf}
        tracking={r.trackingNumber}
        code={r.queryCode}
      >
        <button type="submit">查看办理情况</button>
      </CredentialsForm>
      <p>
        <a href="/mailbox">返回部门信箱</a>
      </p>
    </PortalLayout>
  );
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadAttachments } from '../src/modules/attachments';
import { reviewFindings, reviewStep, submitForReview } from '../src/modules/documents';
import { makeAgency, makeColumn } from './helpers/factories';
import { actorOf, draftAs, makeStaff, reload, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';
import { minimalDocx } from './helpers/zip';

// The pre-publication gate (issue 5): at 终审 the item and its attachments are checked; veto-level
// findings (a personal identifier, a veto wording rule) block the sign-off until fixed or overruled with
// a reason, which is audited; ordinary findings are shown to the reviewers and never block.

const ID_NUMBER = '11010519491231002X';

function docxSaying(text: string): Buffer {
  return minimalDocx([], `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`);
}

async function* once(data: Buffer) {
  yield data;
}

describe.each(testDatabases())('the pre-publication gate on %s', (kind) => {
  let ctx: TestContext;
  let staff: Staff;
  let columnId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    const agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告');
  });
  afterAll(() => ctx.close());

  async function toFinalStep(body: string, attachment?: { name: string; data: Buffer }) {
    const item = await draftAs(ctx, staff, {
      columnId,
      title: '关于公布2026年度补助名单的通知',
      bodyHtml: body,
    });
    if (attachment)
      await uploadAttachments(
        ctx,
        staff.editor,
        actorOf(staff.editor),
        item,
        once2(attachment.name, attachment.data),
      );
    await submitForReview(ctx, staff.editor, actorOf(staff.editor), item);
    for (const role of ['reviewer1', 'reviewer2'] as const)
      await reviewStep(ctx, staff[role], actorOf(staff[role]), await reload(ctx, item.id), 'approve', {
        opinion: '同意',
        secrecyChecked: true,
      });
    return reload(ctx, item.id);
  }
  const sign = async (id: string, overruleReason?: string) =>
    reviewStep(ctx, staff.reviewer3, actorOf(staff.reviewer3), await reload(ctx, id), 'approve', {
      opinion: '同意',
      secrecyChecked: false,
      overruleReason,
    });

  it('blocks 终审 on an identity number in the body and on a state-name typo, and names them', async () => {
    const item = await toFinalStep(`<p>申请人身份证号${ID_NUMBER}，依据中华人民共合国有关规定办理。</p>`);
    const parts = await reviewFindings(ctx, item);
    const body = parts?.find((p) => p.part === '正文');
    const kinds = body?.findings.map((f) => `${f.kind}:${f.type}:${f.veto}`);
    expect(kinds).toContain('pii:id_card:true');
    expect(body?.findings.some((f) => f.kind === 'wording' && f.text === '中华人民共合国')).toBe(true);
    await expect(sign(item.id)).rejects.toThrow(ID_NUMBER);
    expect((await reload(ctx, item.id)).status).toBe('in_review');
    await sign(item.id, '该名单依法须公示，已征得本人同意');
    expect((await reload(ctx, item.id)).status).not.toBe('in_review');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'item.compliance_overruled')
      .where('object_id', '=', item.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toContain('已征得本人同意');
  });

  it('reads the attachments too', async () => {
    const item = await toFinalStep('<p>详见附件。</p>', {
      name: '名单.docx',
      data: docxSaying('联系电话13812345678'),
    });
    const parts = await reviewFindings(ctx, await reload(ctx, item.id));
    const attachment = parts?.find((p) => p.part.startsWith('附件：名单.docx'));
    expect(attachment?.findings.some((f) => f.kind === 'pii' && f.type === 'mobile' && f.veto)).toBe(true);
    await expect(sign(item.id)).rejects.toThrow('附件：名单.docx');
  });

  it('lets a clean item through without a reason', async () => {
    const item = await toFinalStep('<p>现将有关事项通知如下。</p>');
    await sign(item.id);
    expect((await reload(ctx, item.id)).status).not.toBe('in_review');
  });
});

async function* once2(name: string, data: Buffer) {
  yield { name, content: once(data) };
}

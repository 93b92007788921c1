import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverOutbox, enqueueMail, MAX_DELIVERY_ATTEMPTS, summariseOutbox } from '../src/modules/mail';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The outbox end to end: queued in the caller's transaction, delivered over real SMTP to a loopback
// server, deduplicated by key, retried with backoff on the clock of the test context.

describe.each(testDatabases())('mail outbox on %s', (kind) => {
  let sink: SmtpSink;
  let ctx: TestContext;
  let serial = 0;
  const key = () => `test:${++serial}`;
  const now = () => ctx.clock.now().toISOString();
  const outboxRow = (dedupeKey: string) =>
    ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext(kind, { GONGKAI_SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });
  beforeEach(async () => {
    // Each test starts with nothing due, so counts are its own.
    await ctx.db.updateTable('outbox').set({ status: 'sent' }).where('status', '=', 'pending').execute();
    sink.messages.length = 0;
    sink.refuseNext(0);
  });

  it('delivers a queued mail through the configured SMTP server, Chinese subject intact', async () => {
    const dedupeKey = key();
    const subject = '规范性文件即将到期：《示范区停车管理办法》';
    await ctx.db.transaction().execute(async (trx) => {
      const queued = await enqueueMail(
        trx,
        {
          to: 'Zhang.San@Example.gov.cn',
          subject,
          text: '请评估、修订或宣布失效。\n登记号：SFQ-2021-001',
          dedupeKey,
        },
        now(),
      );
      expect(queued).toBe(true);
    });
    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail?.envelopeTo).toEqual(['zhang.san@example.gov.cn']);
    expect(mail?.subject).toBe(subject);
    expect(mail?.text).toBe('请评估、修订或宣布失效。\n登记号：SFQ-2021-001');
    expect(mail?.from).toContain('noreply@example.gov.cn');
    const row = await outboxRow(dedupeKey);
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBe(now());
    expect(mail?.messageId).toBe(`<${row.id}@outbox.gongkai>`);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(1);
  });

  it('queues a key once, and a conflict leaves the PostgreSQL transaction usable', async () => {
    const [first, second] = [key(), key()];
    const mail = { to: 'li@example.gov.cn', subject: '提醒', text: '正文' };
    const results = await ctx.db
      .transaction()
      .execute(async (trx) => [
        await enqueueMail(trx, { ...mail, dedupeKey: first }, now()),
        await enqueueMail(trx, { ...mail, subject: '重复的提醒', dedupeKey: first }, now()),
        await enqueueMail(trx, { ...mail, dedupeKey: second }, now()),
      ]);
    expect(results).toEqual([true, false, true]);
    expect(await enqueueMail(ctx.db, { ...mail, dedupeKey: first }, now())).toBe(false);
    expect((await outboxRow(first)).subject).toBe('提醒');
    await deliverOutbox(ctx);
    expect(sink.messages.map((m) => m.subject)).toEqual(['提醒', '提醒']);
  });

  it('queues nothing when the caller rolls back, and refuses a bad address', async () => {
    const dedupeKey = key();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await enqueueMail(
          trx,
          { to: 'wang@example.gov.cn', subject: '提醒', text: '正文', dedupeKey },
          now(),
        );
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    expect(
      await ctx.db.selectFrom('outbox').select('id').where('dedupe_key', '=', dedupeKey).execute(),
    ).toEqual([]);
    await expect(
      enqueueMail(ctx.db, { to: 'not-an-address', subject: '提醒', text: '正文', dedupeKey }, now()),
    ).rejects.toThrow('请填写有效的电子邮箱地址');
  });

  it('retries after a refusal with backoff on the clock, then delivers', async () => {
    const dedupeKey = key();
    await enqueueMail(ctx.db, { to: 'zhao@example.gov.cn', subject: '重试', text: '正文', dedupeKey }, now());
    sink.refuseNext(2);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await outboxRow(dedupeKey);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('451');
    expect(row.next_attempt_at).toBe(new Date(ctx.clock.now().getTime() + 60_000).toISOString());

    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due yet
    ctx.clock.advanceMinutes(1);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    row = await outboxRow(dedupeKey);
    expect(row.next_attempt_at).toBe(new Date(ctx.clock.now().getTime() + 2 * 60_000).toISOString());
    ctx.clock.advanceMinutes(1);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    ctx.clock.advanceMinutes(1);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await outboxRow(dedupeKey);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(sink.messages.map((m) => m.subject)).toEqual(['重试']);
  });

  it('gives up after the last attempt, keeping the error for the back office', async () => {
    const dedupeKey = key();
    await enqueueMail(ctx.db, { to: 'qian@example.gov.cn', subject: '放弃', text: '正文', dedupeKey }, now());
    sink.refuseNext(MAX_DELIVERY_ATTEMPTS + 5);
    const outcomes: string[] = [];
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) {
      const report = await deliverOutbox(ctx);
      outcomes.push(report.failed ? 'failed' : report.retrying ? 'retrying' : 'idle');
      ctx.clock.advanceMinutes(200);
    }
    expect(outcomes).toEqual([
      ...Array(MAX_DELIVERY_ATTEMPTS - 1).fill('retrying'),
      'failed',
      'idle',
      'idle',
    ]);
    const row = await outboxRow(dedupeKey);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(row.last_error).toContain('451');
    const summary = await summariseOutbox(ctx);
    expect(summary.failed).toBe(1);
    expect(summary.smtpConfigured).toBe(true);
    expect(summary.lastError).toContain('451');
    expect(sink.messages).toHaveLength(0);
  });

  it('never sends a mail twice when deliveries overlap', async () => {
    const keys = [key(), key(), key(), key()];
    for (const k of keys)
      await enqueueMail(ctx.db, { to: 'sun@example.gov.cn', subject: k, text: '正文', dedupeKey: k }, now());
    const reports = await Promise.all([deliverOutbox(ctx), deliverOutbox(ctx), deliverOutbox(ctx)]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(keys.length);
    expect(sink.messages.map((m) => m.subject).sort()).toEqual([...keys].sort());
  });

  it('keeps mail queued, and says so, when no SMTP server is configured', async () => {
    const dedupeKey = key();
    await enqueueMail(
      ctx.db,
      { to: 'zhou@example.gov.cn', subject: '未配置', text: '正文', dedupeKey },
      now(),
    );
    const unconfigured = {
      ...ctx,
      config: { ...ctx.config, mail: { ...ctx.config.mail, smtpUrl: undefined } },
    };
    expect(await deliverOutbox(unconfigured)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await outboxRow(dedupeKey)).status).toBe('pending');
    const summary = await summariseOutbox(unconfigured);
    expect(summary).toMatchObject({ smtpConfigured: false, pending: 1 });
    expect(sink.messages).toHaveLength(0);
  });
});

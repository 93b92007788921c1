import type { OutboxSummary } from '../../../modules/mail';

/** 邮件发送队列: what the outbox holds, and a plain warning when mail cannot go out at all. */
export function MailQueueStatus(props: { summary: OutboxSummary }) {
  const s = props.summary;
  return (
    <section aria-labelledby="mail-queue">
      <h2 id="mail-queue">邮件通知</h2>
      {!s.smtpConfigured && (
        <p class="form-error" role="alert">
          尚未配置发信服务器（环境变量 GONGKAI_SMTP_URL），提醒邮件只保存在发送队列中，不会发出。
        </p>
      )}
      <p>
        待发送 {s.pending} 封，已发送 {s.sent} 封，发送失败 {s.failed} 封。
        {s.failed > 0 && s.lastError && `最近一次失败原因：${s.lastError}`}
      </p>
    </section>
  );
}

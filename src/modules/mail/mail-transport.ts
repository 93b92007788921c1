import nodemailer from 'nodemailer';
import type { Config } from '../../config/config';

/** What delivery needs from a transport: nodemailer's Transporter fits, so does a test double. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
  }): Promise<unknown>;
  close?(): void;
}

/** The SMTP transport of the configuration, or null when GONGKAI_SMTP_URL is unset (mail stays queued). */
export function createMailTransport(config: Pick<Config, 'mail'>): MailTransport | null {
  return config.mail.smtpUrl ? nodemailer.createTransport(config.mail.smtpUrl) : null;
}

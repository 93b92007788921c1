import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback (architecture.md: no mocks where the real thing runs here). It keeps
// every accepted message, decoded, and can refuse the next n with a temporary 451 to exercise retries.

export interface ReceivedMail {
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 at a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const error = Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 });
          return callback(error);
        }
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        messages.push({ envelopeTo, ...parseMessage(Buffer.concat(chunks).toString('latin1')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A single-part text message as nodemailer writes it: headers (folded, RFC 2047 words), then a body in
// quoted-printable or base64.
function parseMessage(raw: string): Omit<ReceivedMail, 'envelopeTo'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  return {
    from: decodeWords(header('From')),
    to: decodeWords(header('To')),
    subject: decodeWords(header('Subject')),
    messageId: header('Message-ID'),
    text: decodeBody(body, encoding).replace(/\r\n/g, '\n').trimEnd(),
  };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return qpBytes(body.replace(/=\r\n/g, '')).toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

// RFC 2047: runs of adjacent encoded words are joined as bytes before decoding, so a character split
// across two words survives; the white space between them is not part of the text (§6.2).
function decodeWords(value: string): string {
  return value.replace(/(=\?[^?]+\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const words = [...run.matchAll(/=\?[^?]+\?([bq])\?([^?]*)\?=/gi)];
    const bytes = words.map(([, kind, data = '']) =>
      kind?.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : qpBytes(data.replace(/_/g, ' ')),
    );
    const trailing = /\s*$/.exec(run)?.[0] ?? '';
    return Buffer.concat(bytes).toString('utf8') + trailing;
  });
}

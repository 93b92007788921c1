import { defaultNoticeTemplates } from './default-notice-templates';
import { defaultReplyTemplate } from './default-reply-templates';
import { type LetterKey, type LetterTemplate, type NoticeKind, replyOutcomeCode } from './letter-kinds';

/** The template the code ships for a letter kind, used until an agency saves its own. */
export function defaultLetterTemplate(key: LetterKey): LetterTemplate {
  const code = replyOutcomeCode(key);
  const template = code ? defaultReplyTemplate(code) : defaultNoticeTemplates[key as NoticeKind];
  return { key, title: template.title, body: template.paragraphs.join('\n') };
}

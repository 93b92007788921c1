import type { ComponentChildren } from 'preact';
import type { FormState } from './form';

// The tabs shared by the key-task, staff and gap-check screens, and small pieces they all use.

const tabs = [
  ['items', '/admin/key-tasks', '重点工作清单'],
  ['tasks', '/admin/key-tasks/tasks', '任务进展'],
  ['staff', '/admin/staff', '专职人员与培训'],
  ['meetings', '/admin/staff/meetings', '信息员例会'],
  ['gap', '/admin/gap-checks', '查漏补缺'],
] as const;

export type TaskTab = (typeof tabs)[number][0];

/** The tab bar over the key-task screens. */
export function TaskTabs(props: { current: TaskTab }) {
  return (
    <nav class="tabs" aria-label="重点工作">
      {tabs.map(([key, href, label]) => (
        <a href={href} aria-current={props.current === key ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** A status message on top of a page: success as a notice, a refusal as an alert. */
export function Notice(props: { text?: string | undefined; ok?: boolean | undefined }) {
  if (!props.text) return null;
  return props.ok ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : (
    <p class="form-error" role="alert">
      {props.text}
    </p>
  );
}

/** A multipart POST form: the CSRF token is the first part, as the upload routes require. */
export function UploadForm(props: {
  action: string;
  csrf: string;
  label: string;
  state?: FormState | undefined;
  children: ComponentChildren;
}) {
  return (
    <form
      method="post"
      action={props.action}
      enctype="multipart/form-data"
      class="form"
      aria-label={props.label}
      novalidate
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.state?.message && (
        <p class="form-error" role="alert">
          {props.state.message}
        </p>
      )}
      {props.children}
    </form>
  );
}

/** A labelled file input with its error. */
export function FileField(props: {
  name: string;
  label: string;
  hint: string;
  accept: string;
  state?: FormState | undefined;
}) {
  const error = props.state?.errors?.[props.name];
  const id = `f-${props.name}`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <small id={`${id}-hint`} class="hint">
        {props.hint}
      </small>
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-describedby={error ? `${id}-hint ${id}-err` : `${id}-hint`}
        aria-invalid={error ? 'true' : undefined}
      />
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

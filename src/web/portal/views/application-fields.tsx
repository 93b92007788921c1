import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/errors';

// Form fields for the public forms (GB/T 37668, WCAG 3.3.1/3.3.3): every control has a visible label,
// its hint and its error are tied to it with aria-describedby, a wrong field says so with aria-invalid,
// and the error summary at the top links to each field. Works without JavaScript.

export interface PublicFormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

export const emptyForm: PublicFormState = { values: {}, errors: {} };

/** The id of a field's control; a radio group's first option is its link target. */
export const controlId = (name: string) => `f-${name}`;

function describedBy(name: string, hint: string | undefined, state: PublicFormState): string | undefined {
  const ids = [hint ? `${controlId(name)}-hint` : '', state.errors[name] ? `${controlId(name)}-err` : ''];
  return ids.filter(Boolean).join(' ') || undefined;
}

function Hint({ name, hint }: { name: string; hint: string | undefined }) {
  return hint ? (
    <small id={`${controlId(name)}-hint`} class="hint">
      {hint}
    </small>
  ) : null;
}

function FieldError({ name, state }: { name: string; state: PublicFormState }) {
  const error = state.errors[name];
  return error ? (
    <p id={`${controlId(name)}-err`} class="field-error">
      <span class="visually-hidden">错误：</span>
      {error}
    </p>
  ) : null;
}

interface FieldProps {
  name: string;
  label: string;
  state: PublicFormState;
  hint?: string;
  required?: boolean;
}

function Label({ name, label, required }: { name: string; label: string; required?: boolean | undefined }) {
  return (
    <label for={controlId(name)}>
      {label}
      {required ? <span class="required">（必填）</span> : <span class="optional">（选填）</span>}
    </label>
  );
}

/** A labelled single-line input. */
export function TextInput(
  props: FieldProps & {
    type?: string;
    autocomplete?: string;
    maxLength?: number;
    inputMode?: 'tel' | 'email';
  },
) {
  const error = props.state.errors[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <Label name={props.name} label={props.label} required={props.required} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} state={props.state} />
      <input
        id={controlId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.state.values[props.name] ?? ''}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.state)}
      />
    </div>
  );
}

/** A labelled multi-line input. */
export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const error = props.state.errors[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <Label name={props.name} label={props.label} required={props.required} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} state={props.state} />
      <textarea
        id={controlId(props.name)}
        name={props.name}
        rows={props.rows ?? 6}
        maxLength={props.maxLength}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.state)}
      >
        {props.state.values[props.name] ?? ''}
      </textarea>
    </div>
  );
}

/** A labelled select with a "请选择" first option. */
export function Select(props: FieldProps & { options: readonly string[] }) {
  const error = props.state.errors[props.name];
  const value = props.state.values[props.name] ?? '';
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <Label name={props.name} label={props.label} required={props.required} />
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} state={props.state} />
      <select
        id={controlId(props.name)}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.state)}
      >
        <option value="">请选择</option>
        {props.options.map((o) => (
          <option value={o} selected={o === value}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of radio buttons in a fieldset; the first option carries the id the error summary links to. */
export function RadioGroup(props: FieldProps & { options: Record<string, string> }) {
  const error = props.state.errors[props.name];
  const value = props.state.values[props.name] ?? '';
  return (
    <fieldset
      class={error ? 'field radios has-error' : 'field radios'}
      aria-describedby={describedBy(props.name, props.hint, props.state)}
    >
      <legend>
        {props.label}
        {props.required && <span class="required">（必填）</span>}
      </legend>
      <Hint name={props.name} hint={props.hint} />
      <FieldError name={props.name} state={props.state} />
      {Object.entries(props.options).map(([key, label], i) => (
        <label class="choice">
          <input
            type="radio"
            id={i === 0 ? controlId(props.name) : `${controlId(props.name)}-${key}`}
            name={props.name}
            value={key}
            checked={key === value}
            aria-invalid={error ? 'true' : undefined}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** The summary at the top of a form that failed: focusable, announced, one link per wrong field. */
export function ErrorSummary(props: { state: PublicFormState; labels: Record<string, string> }) {
  const entries = Object.entries(props.state.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">提交未成功，有 {entries.length} 处需要修改（本次未保存任何内容）</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${controlId(name)}`}>
              {props.labels[name] ?? name}：{message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A POST form with its CSRF token. */
export function PublicForm(props: {
  action: string;
  csrf: string;
  label: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} class="form public-form" aria-label={props.label} novalidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

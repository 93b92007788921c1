import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/errors';

export interface FormState {
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
  message?: string;
  /** The HTTP status the re-rendered form goes out with: 409 when the record moved on, else 400. */
  status?: number;
}

/** The status of a form page: 200 when it is shown afresh, the refusal's status when re-rendered. */
export function formStatus(state: FormState | undefined): number {
  return state ? (state.status ?? 400) : 200;
}

/** A labelled input with its error message linked for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  state?: FormState | undefined;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  inputMode?: 'numeric' | 'text';
}) {
  const error = props.state?.errors?.[props.name];
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const keepValue = props.type !== 'password';
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={keepValue ? (props.state?.values?.[props.name] ?? '') : ''}
        autocomplete={props.autocomplete}
        required={props.required}
        inputMode={props.inputMode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A POST form carrying the CSRF token, with the form-level message on top. */
export function PostForm(props: {
  action: string;
  csrf: string;
  state?: FormState | undefined;
  children: ComponentChildren;
  label?: string;
}) {
  return (
    <form method="post" action={props.action} class="form" aria-label={props.label} novalidate>
      {props.state?.message && (
        <p class="form-error" role="alert">
          {props.state.message}
        </p>
      )}
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

/** A one-button POST form for row actions (disable, unlock, …). */
export function ActionButton(props: { action: string; csrf: string; label: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <button type="submit" class="small">
        {props.label}
      </button>
    </form>
  );
}

interface ChoiceProps {
  name: string;
  label: string;
  state?: FormState | undefined;
  hint?: string;
}

function FieldShell(props: ChoiceProps & { children: ComponentChildren; group?: boolean }) {
  const error = props.state?.errors?.[props.name];
  const id = `f-${props.name}`;
  const body = (
    <>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.children}
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </>
  );
  if (props.group) {
    return (
      <fieldset class={error ? 'field has-error' : 'field'}>
        <legend>{props.label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {body}
    </div>
  );
}

const described = (p: ChoiceProps) =>
  [p.hint ? `f-${p.name}-hint` : '', p.state?.errors?.[p.name] ? `f-${p.name}-err` : '']
    .filter(Boolean)
    .join(' ') || undefined;

/** A select; options may be grouped (主题分类). */
export function SelectField(
  props: ChoiceProps & { options: { value: string; label: string; group?: string }[]; placeholder?: string },
) {
  const value = props.state?.values?.[props.name] ?? '';
  const groups = [...new Set(props.options.map((o) => o.group ?? ''))];
  const optionsOf = (g: string) =>
    props.options
      .filter((o) => (o.group ?? '') === g)
      .map((o) => (
        <option value={o.value} selected={o.value === value}>
          {o.label}
        </option>
      ));
  return (
    <FieldShell {...props}>
      <select
        id={`f-${props.name}`}
        name={props.name}
        aria-describedby={described(props)}
        aria-invalid={props.state?.errors?.[props.name] ? 'true' : undefined}
      >
        <option value="">{props.placeholder ?? '请选择'}</option>
        {groups.map((g) => (g ? <optgroup label={g}>{optionsOf(g)}</optgroup> : optionsOf(g)))}
      </select>
    </FieldShell>
  );
}

/** A multi-line text field. */
export function TextAreaField(props: ChoiceProps & { rows?: number }) {
  return (
    <FieldShell {...props}>
      <textarea
        id={`f-${props.name}`}
        name={props.name}
        rows={props.rows ?? 4}
        aria-describedby={described(props)}
        aria-invalid={props.state?.errors?.[props.name] ? 'true' : undefined}
      >
        {props.state?.values?.[props.name] ?? ''}
      </textarea>
    </FieldShell>
  );
}

/** A group of radio buttons. */
export function RadioField(props: ChoiceProps & { options: { value: string; label: string }[] }) {
  const value = props.state?.values?.[props.name] ?? '';
  return (
    <FieldShell {...props} group>
      {props.options.map((o) => (
        <label class="choice">
          <input type="radio" name={props.name} value={o.value} checked={o.value === value} /> {o.label}
        </label>
      ))}
    </FieldShell>
  );
}

/** One checkbox. */
export function CheckboxField(props: ChoiceProps) {
  const checked = Boolean(props.state?.values?.[props.name]);
  const error = props.state?.errors?.[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label class="choice">
        <input type="checkbox" name={props.name} value="1" checked={checked} /> {props.label}
      </label>
      {props.hint && <small class="hint">{props.hint}</small>}
      {error && <p class="field-error">{error}</p>}
    </div>
  );
}

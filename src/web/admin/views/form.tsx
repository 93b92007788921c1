import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/errors';

export interface FormState {
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
  message?: string;
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
    <form method="post" action={props.action} class="form" aria-label={props.label}>
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

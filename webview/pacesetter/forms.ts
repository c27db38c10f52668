import { type CheckElement, TAG, type ValueElement } from '../ui/toolkit';
import type { Editing } from './context';
import { type Child, h } from './dom';

// Inline forms from toolkit components. Enter saves, Escape cancels (and focus returns to where
// the form was opened), and leaving the form with Tab or a click saves what was typed, as in a
// spreadsheet. Fields carry a `name`; readForm collects their values for the caller to check.

export function textField(
  name: string,
  label: string,
  editing: Editing | undefined,
  initial: string,
  extra: { placeholder?: string } = {},
): HTMLElement {
  const draft = editing?.draft[name];
  const field = h(
    TAG.textField,
    { name, value: typeof draft === 'string' ? draft : initial, placeholder: extra.placeholder },
    label,
  ) as ValueElement;
  return field;
}

export function checkbox(
  name: string,
  label: string,
  editing: Editing | undefined,
  initial: boolean,
): HTMLElement {
  const draft = editing?.draft[name];
  return h(TAG.checkbox, { name, checked: typeof draft === 'boolean' ? draft : initial }, label);
}

export function dropdown(
  name: string,
  label: string,
  options: readonly { value: string; label: string }[],
  editing: Editing | undefined,
  initial: string,
): HTMLElement {
  const draft = editing?.draft[name];
  const value = typeof draft === 'string' ? draft : initial;
  const select = h(
    TAG.dropdown,
    { name, 'aria-label': label },
    ...options.map((o) => h(TAG.option, { value: o.value, selected: o.value === value }, o.label)),
  );
  return h('label', {}, h('span', {}, label), select);
}

export function button(
  label: string,
  onClick: () => void,
  opts: { appearance?: 'primary' | 'secondary'; key?: string; ariaLabel?: string } = {},
): HTMLElement {
  return h(
    TAG.button,
    {
      appearance: opts.appearance ?? 'secondary',
      'data-key': opts.key,
      'aria-label': opts.ariaLabel,
      on: { click: () => onClick() },
    },
    label,
  );
}

/** The values of the form's named fields, as drafts. */
export function readForm(form: Element): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const el of Array.from(form.querySelectorAll<HTMLElement>('[name]'))) {
    const name = el.getAttribute('name')!;
    values[name] =
      el.tagName.toLowerCase() === TAG.checkbox ? (el as CheckElement).checked : (el as ValueElement).value;
  }
  return values;
}

export interface FormHandlers {
  commit(values: Record<string, string | boolean>): void;
  cancel(): void;
}

export type Finish = (how: 'commit' | 'cancel') => void;

/**
 * A form that saves on Enter and when focus leaves it, and cancels on Escape. `build` gets the
 * same finish function for the form's own Save and Cancel buttons.
 */
export function inlineForm(
  tag: 'div' | 'td',
  props: Record<string, string>,
  handlers: FormHandlers,
  build: (finish: Finish) => Child[],
): HTMLElement {
  let done = false;
  const finish: Finish = (how) => {
    if (done) return;
    done = true;
    if (how === 'commit') handlers.commit(readForm(form));
    else handlers.cancel();
  };
  const form: HTMLElement = h(
    tag,
    {
      ...props,
      on: {
        keydown: (event) => {
          const target = event.target as HTMLElement;
          const name = target.tagName.toLowerCase();
          // Enter and Escape belong to an open dropdown list, and Enter to a button or text area.
          if (name === TAG.dropdown && (target as HTMLElement & { open?: boolean }).open) return;
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            finish('cancel');
          } else if (
            event.key === 'Enter' &&
            name !== TAG.button &&
            name !== TAG.textArea &&
            name !== TAG.dropdown
          ) {
            event.preventDefault();
            event.stopPropagation();
            finish('commit');
          }
        },
        focusout: () => {
          // Wait for focus to land: moving between the form's own fields is not leaving it.
          setTimeout(() => {
            if (!done && form.isConnected && document.hasFocus() && !form.contains(document.activeElement))
              finish('commit');
          }, 0);
        },
      },
    },
    ...build(finish),
  );
  return form;
}

/** Save and Cancel buttons for an inline form (Enter and Escape do the same). */
export function formButtons(finish: Finish, save: string, cancel: string): HTMLElement {
  return h(
    'span',
    { class: 'cl-form-buttons' },
    button(save, () => finish('commit'), { appearance: 'primary' }),
    ' ',
    button(cancel, () => finish('cancel')),
  );
}

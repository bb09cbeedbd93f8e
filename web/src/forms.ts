// Forms that send one request to the API. A problem that names a field (problem+json `field`,
// docs/openapi.yaml) is shown beside that field: in the reader's language, then the node's own
// words, the control marked invalid, described by the message and focused. A problem that names no
// field the form shows is shown beside the button. A refusal clears nothing the reader typed: she
// corrects the field and sends again.

import { ApiError } from './api';
import { h, uid } from './dom';
import { t } from './i18n';
import { busy, problem, problemText } from './ui';

// The form's controls by the API's name of the field they fill; a fieldset stands for a group
// ("courses" for courses[0], courses[1]...).
export type Fields = Record<string, HTMLElement>;

// The control a problem's field names: itself, or the nearest enclosing name
// ("official.role" -> "official.role", "courses[2]" -> "courses", "absent[0].x" -> "absent").
export function fieldFor(fields: Fields, name: string | undefined): string | null {
  let n = name ?? '';
  while (n) {
    if (Object.prototype.hasOwnProperty.call(fields, n)) return n;
    const cut = Math.max(n.lastIndexOf('.'), n.lastIndexOf('['));
    if (cut <= 0) break;
    n = n.slice(0, cut);
  }
  return null;
}

// The text of the label of a control (or the legend of a fieldset).
function labelOf(control: HTMLElement): string {
  if (control instanceof HTMLFieldSetElement) return control.querySelector('legend')?.textContent ?? '';
  const byFor = control.id ? control.ownerDocument.querySelector(`label[for="${control.id}"]`) : null;
  return byFor?.textContent ?? control.getAttribute('aria-label') ?? '';
}

export class FormErrors {
  private shown: Array<{ control: HTMLElement; message: HTMLElement; describedBy: string | null }> = [];

  constructor(private readonly fields: Fields, private readonly out: HTMLElement) {}

  clear(): void {
    for (const s of this.shown) {
      s.message.remove();
      s.control.removeAttribute('aria-invalid');
      if (s.describedBy) s.control.setAttribute('aria-describedby', s.describedBy);
      else s.control.removeAttribute('aria-describedby');
    }
    this.shown = [];
    this.out.replaceChildren();
  }

  show(err: unknown): void {
    this.clear();
    const name = err instanceof ApiError ? fieldFor(this.fields, err.field) : null;
    if (!name) {
      this.out.replaceChildren(problem(err));
      return;
    }
    const control = this.fields[name];
    const { message, detail } = problemText(err);
    const id = uid('err');
    const said = (err as ApiError).status === 422
      ? t('problem.invalid_field', { field: labelOf(control) || name })
      : message;
    const el = h('div', { class: 'field-error', id, role: 'alert', 'data-field-error': name },
      h('p', null, said),
      detail ? h('p', { class: 'detail', lang: 'en', dir: 'ltr' }, detail) : null);
    // Beside the control, inside its field (after a fieldset's last choice).
    if (control instanceof HTMLFieldSetElement) control.append(el);
    else control.after(el);
    const describedBy = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', describedBy ? `${describedBy} ${id}` : id);
    control.setAttribute('aria-invalid', 'true');
    this.shown.push({ control, message: el, describedBy });
    const focusable = control instanceof HTMLFieldSetElement ? control.querySelector<HTMLElement>('input, select') : control;
    focusable?.focus();
  }
}

// Sends the form with `send` when it is submitted: the button disabled while it works, progress
// beside it, and a refusal shown by `errors`.
export function onSubmit(form: HTMLFormElement, errors: FormErrors, progress: HTMLElement, send: () => Promise<void>,
  confirm?: () => string | null): void {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const question = confirm?.();
    if (question && !window.confirm(question)) return;
    const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type=submit]')];
    for (const b of buttons) b.disabled = true;
    errors.clear();
    progress.replaceChildren(busy(t('common.working')));
    try {
      await send();
      progress.replaceChildren();
    } catch (err) {
      progress.replaceChildren();
      errors.show(err);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}

// A whole number typed in any of the portal's scripts; the text as typed when it is not one, so
// the node names the field and says what it expects.
export function integerOr(text: string): number | string {
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

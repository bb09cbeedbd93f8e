// Filing a complaint (docs/formats/cases.md section 1.1). The worker reports a problem from her
// phone in three short steps: what happened, in her own words, how she can be reached safely; she
// is given the reference at once. Officers of either country, the embassy and a hotline operator
// file for a registered worker or record an anonymous tip, and read the reference back to the
// caller. The node decides who may file what; the portal only offers the form to the roles that
// file complaints at all.

import { post } from '../api';
import { h, uid } from '../dom';
import { LANGUAGES, t } from '../i18n';
import { navigate } from '../router';
import type { Account, ComplaintAcknowledgement, ComplaintCategory } from '../types';
import { COMPLAINT_CATEGORIES } from '../types';
import { code, field, heading, link, problem, section, select } from '../ui';
import { asciiDigits } from '../text';

// The roles that file complaints for others (cases.md section 6); the worker files her own.
export const FILES_FOR_OTHERS = new Set(['origin_officer', 'destination_officer', 'embassy', 'hotline_operator']);

export function filesComplaints(account: Account): boolean {
  return account.role === 'worker' || FILES_FOR_OTHERS.has(account.role);
}

const MAX_TEXT = 5000;
const MAX_CONTACT = 500;

// The categories as a group of checkboxes with large targets; at least one is chosen.
function categoryChoice(): { el: HTMLElement; chosen: () => ComplaintCategory[] } {
  const legend = uid('cat');
  const boxes = COMPLAINT_CATEGORIES.map((c) => h('input', { type: 'checkbox', name: 'category', value: c }));
  const el = h('fieldset', { class: 'choices', 'aria-describedby': legend, 'data-testid': 'categories' },
    h('legend', null, t('complaint.what_happened')),
    h('p', { class: 'hint', id: legend }, t('complaint.what_hint')),
    boxes.map((b, i) => h('label', { class: 'choice' }, b, ' ', t(`category.${COMPLAINT_CATEGORIES[i]}`))));
  return { el, chosen: () => boxes.filter((b) => b.checked).map((b) => b.value as ComplaintCategory) };
}

function counted(control: HTMLTextAreaElement | HTMLInputElement, max: number): HTMLElement {
  const out = h('p', { class: 'hint count', 'aria-live': 'polite' });
  const update = () => {
    out.textContent = t('complaint.chars_left', { n: max - [...control.value].length });
  };
  control.addEventListener('input', update);
  update();
  return out;
}

// What the filer is given back at once: the reference, and for the worker the way to follow it.
function acknowledgement(ack: ComplaintAcknowledgement, forWorker: boolean): HTMLElement {
  return h('div', { class: 'alert alert-ok ack', role: 'status', tabindex: -1, 'data-testid': 'acknowledgement' },
    h('p', null, h('strong', null, t('complaint.received'))),
    h('p', null, t('complaint.reference_is'), ' ', code(ack.reference, { 'data-testid': 'reference' })),
    h('p', null, t(forWorker ? 'complaint.keep_reference' : 'complaint.read_back')),
    forWorker ? h('p', null, link(`/app/complaint/${ack.reference}`, t('complaint.follow'))) : null);
}

// The worker's report in three steps, one on screen at a time.
function workerForm(account: Account): HTMLElement {
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'report-outcome' });
  const cats = categoryChoice();
  const text = h('textarea', { name: 'text', rows: 6, maxlength: MAX_TEXT, required: true });
  const contact = h('textarea', { name: 'safe_contact', rows: 2, maxlength: MAX_CONTACT });
  const steps = [
    h('div', { class: 'step', 'data-step': 1 }, cats.el),
    h('div', { class: 'step', 'data-step': 2 }, field(t('complaint.own_words'), text, t('complaint.own_words_hint')), counted(text, MAX_TEXT)),
    h('div', { class: 'step', 'data-step': 3 },
      field(t('complaint.safe_contact'), contact, t('complaint.safe_contact_hint')), counted(contact, MAX_CONTACT),
      h('p', { class: 'hint' }, t('complaint.who_sees'))),
  ];
  const progress = h('p', { class: 'step-count', 'aria-live': 'polite', 'data-testid': 'step' });
  const error = h('div', { 'aria-live': 'assertive' });
  const back = h('button', { type: 'button', class: 'secondary', 'data-action': 'back' }, t('complaint.back'));
  const next = h('button', { type: 'button', class: 'primary', 'data-action': 'next' }, t('complaint.next'));
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'send-complaint' }, t('complaint.send'));
  let at = 0;
  const show = (i: number) => {
    at = i;
    steps.forEach((s, j) => {
      s.hidden = j !== i;
    });
    back.hidden = i === 0;
    next.hidden = i === steps.length - 1;
    send.hidden = i !== steps.length - 1;
    progress.textContent = t('complaint.step', { n: i + 1, total: steps.length });
    error.replaceChildren();
  };
  const stepError = (message: string, focus: HTMLElement) => {
    error.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, message)));
    focus.focus();
  };
  const valid = (): boolean => {
    if (at === 0 && !cats.chosen().length) {
      stepError(t('complaint.choose_one'), cats.el.querySelector('input') as HTMLElement);
      return false;
    }
    if (at === 1 && !text.value.trim()) {
      stepError(t('complaint.say_what'), text);
      return false;
    }
    return true;
  };
  back.addEventListener('click', () => show(at - 1));
  next.addEventListener('click', () => {
    if (!valid()) return;
    show(at + 1);
    (steps[at].querySelector('input, textarea') as HTMLElement | null)?.focus();
  });
  const form = h('form', { class: 'report-form', novalidate: true, 'data-testid': 'report-form' },
    progress, steps, error, h('div', { class: 'buttons' }, back, next, send));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!valid()) return;
    send.disabled = true;
    out.replaceChildren();
    try {
      const ack = await post<ComplaintAcknowledgement>('/api/v1/complaints', {
        channel: 'worker',
        categories: cats.chosen(),
        text: text.value.trim(),
        safe_contact: contact.value.trim(),
        language: account.language,
      }, true);
      const done = acknowledgement(ack, true);
      form.replaceWith(done);
      done.focus();
    } catch (err) {
      out.replaceChildren(problem(err));
    } finally {
      send.disabled = false;
    }
  });
  show(0);
  return h('div', null, form, out);
}

// An officer, the embassy or a hotline operator: for a registered worker, or an anonymous tip.
export function filerForm(): HTMLElement {
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'report-outcome' });
  const radio = (value: string, checked: boolean) =>
    h('input', { type: 'radio', name: 'channel', value, checked });
  const onBehalf = radio('on_behalf', true);
  const tip = radio('anonymous_tip', false);
  const worker = h('input', { name: 'worker', autocomplete: 'off', spellcheck: 'false', dir: 'ltr' });
  const workerField = field(t('complaint.worker_number'), worker, t('complaint.worker_number_hint'));
  const employer = h('input', { name: 'employer', autocomplete: 'off', spellcheck: 'false', dir: 'ltr' });
  const cats = categoryChoice();
  const text = h('textarea', { name: 'text', rows: 6, maxlength: MAX_TEXT, required: true });
  const contact = h('textarea', { name: 'safe_contact', rows: 2, maxlength: MAX_CONTACT });
  const lang = select('language', [['', t('complaint.language_default')], ...LANGUAGES.map((l): [string, string] => [l.code, l.name])]);
  const channelHint = h('p', { class: 'hint', 'aria-live': 'polite' });
  const update = () => {
    const isTip = tip.checked;
    worker.required = !isTip;
    channelHint.textContent = t(isTip ? 'complaint.tip_hint' : 'complaint.on_behalf_hint');
    (workerField.querySelector('label') as HTMLElement).textContent =
      t(isTip ? 'complaint.worker_number_optional' : 'complaint.worker_number');
  };
  onBehalf.addEventListener('change', update);
  tip.addEventListener('change', update);
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'send-complaint' }, t('complaint.send'));
  const form = h('form', { class: 'report-form', novalidate: true, 'data-testid': 'report-form' },
    h('fieldset', { class: 'choices' },
      h('legend', null, t('complaint.channel')),
      h('label', { class: 'choice' }, onBehalf, ' ', t('channel.on_behalf')),
      h('label', { class: 'choice' }, tip, ' ', t('channel.anonymous_tip')),
      channelHint),
    workerField,
    field(t('complaint.employer_number'), employer, t('complaint.employer_number_hint')),
    cats.el,
    field(t('complaint.their_words'), text), counted(text, MAX_TEXT),
    field(t('complaint.safe_contact_other'), contact, t('complaint.safe_contact_hint')), counted(contact, MAX_CONTACT),
    field(t('complaint.language'), lang),
    h('div', { class: 'buttons' }, send));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    send.disabled = true;
    out.replaceChildren();
    try {
      const body: Record<string, unknown> = {
        channel: tip.checked ? 'anonymous_tip' : 'on_behalf',
        categories: cats.chosen(),
        text: text.value.trim(),
        safe_contact: contact.value.trim(),
      };
      const w = asciiDigits(worker.value).toUpperCase();
      const emp = asciiDigits(employer.value).toUpperCase();
      if (w) body.worker = w;
      if (emp) body.employer = emp;
      if (lang.value) body.language = lang.value;
      const ack = await post<ComplaintAcknowledgement>('/api/v1/complaints', body, true);
      const done = acknowledgement(ack, false);
      out.replaceChildren(done,
        h('p', null, h('button', { type: 'button', class: 'secondary', 'data-action': 'another', onclick: () => navigate('/app/report') }, t('complaint.another'))));
      form.reset();
      update();
      done.focus();
    } catch (err) {
      out.replaceChildren(problem(err));
    } finally {
      send.disabled = false;
    }
  });
  update();
  return h('div', null, form, out);
}

export function renderReport(account: Account): HTMLElement {
  if (account.role === 'worker') {
    return h('div', { class: 'report' },
      heading(t('complaint.report_title')),
      h('p', { class: 'lead' }, t('complaint.report_lead')),
      section(t('complaint.your_report'), { 'data-testid': 'report' }, workerForm(account)),
      account.worker
        ? h('p', { class: 'hint' }, t('complaint.your_number'), ' ', code(account.worker))
        : null);
  }
  if (!FILES_FOR_OTHERS.has(account.role)) {
    return h('div', null, heading(t('complaint.file_title')), h('p', null, t('complaint.not_for_role')));
  }
  return h('div', { class: 'report' },
    heading(t('complaint.file_title')),
    h('p', { class: 'lead' }, t('complaint.file_lead')),
    section(t('complaint.file_section'), { 'data-testid': 'report' }, filerForm()));
}

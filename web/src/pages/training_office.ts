// The origin officer's orientation and training (docs/formats/training.md): the node's licensed
// centres with registering a new one, and every centre's sessions, scheduled ones first. A centre's
// own page (training_centre.ts) changes its licence and schedules its sessions.

import { all, post } from '../api';
import { h, uid } from '../dom';
import { formatDate, t } from '../i18n';
import { navigate } from '../router';
import { asciiDigits } from '../text';
import type { Account, TrainingCentre, TrainingSession } from '../types';
import { CENTRE_KINDS } from '../types';
import { FormErrors, onSubmit } from '../forms';
import { code, empty, field, heading, label, link, section, select, statusBadge, table } from '../ui';
import { type Courses, courseTitle, loadCourses, sessionSections } from './training';

function centresTable(centres: TrainingCentre[]): HTMLElement {
  return table(t('centre.list'), [
    { head: t('centre.name'), cell: (c: TrainingCentre) => link(`/app/centre/${c.id}`, c.name) },
    { head: t('centre.kind'), cell: (c: TrainingCentre) => label('centrekind', c.kind) },
    { head: t('centre.licence_number'), cell: (c: TrainingCentre) => code(c.licence_number) },
    { head: t('centre.licence'), cell: (c: TrainingCentre) => statusBadge('licence', c.licence_status) },
    { head: t('centre.valid_until'), cell: (c: TrainingCentre) => formatDate(c.licence_valid_until) },
  ], centres, { 'data-centres': 'true' });
}

// Registering and licensing a centre: what it is, where, its licence and the courses it may give.
function registerForm(courses: Courses): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const name = h('input', { name: 'name', maxlength: 200, autocomplete: 'off' });
  const kind = select('kind', CENTRE_KINDS.map((k) => [k, label('centrekind', k)]));
  const address = h('input', { name: 'address', maxlength: 300, autocomplete: 'off' });
  const number = h('input', { name: 'licence_number', maxlength: 64, autocomplete: 'off', spellcheck: 'false', dir: 'ltr' });
  const until = h('input', { type: 'date', name: 'licence_valid_until', dir: 'ltr' });
  const hint = uid('hint');
  const boxes = [...courses.values()].map((c) => h('input', { type: 'checkbox', name: 'courses', value: c.id }));
  const chosen = h('fieldset', { class: 'choices', 'aria-describedby': hint, 'data-testid': 'centre-courses' },
    h('legend', null, t('centre.courses')),
    h('p', { class: 'hint', id: hint }, t('register.courses_hint')),
    boxes.length
      ? boxes.map((b) => h('label', { class: 'choice' }, b, ' ', courseTitle(courses, b.value)))
      : h('p', { class: 'empty' }, t('register.no_courses')));
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'register-centre' }, t('register.submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'register-form' },
    h('div', { class: 'grid-form' },
      field(t('centre.name'), name),
      field(t('centre.kind'), kind),
      field(t('centre.address'), address),
      field(t('centre.licence_number'), number),
      field(t('centre.valid_until'), until)),
    chosen,
    h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors({ name, kind, address, licence_number: number, licence_valid_until: until, courses: chosen }, out);
  onSubmit(form, errors, progress, async () => {
    const c = await post<TrainingCentre>('/api/v1/training/centres', {
      name: name.value.trim(),
      kind: kind.value,
      address: address.value.trim(),
      licence_number: asciiDigits(number.value).toUpperCase(),
      licence_valid_until: asciiDigits(until.value),
      courses: boxes.filter((b) => b.checked).map((b) => b.value),
    }, true);
    navigate(`/app/centre/${c.id}`);
  });
  return h('details', { class: 'register', 'data-testid': 'register' },
    h('summary', null, t('register.title')), form, out);
}

export async function renderTraining(account: Account): Promise<HTMLElement> {
  if (account.role !== 'origin_officer') {
    return h('div', null, heading(t('training.title')), h('p', null, t('training.not_for_role')));
  }
  const [courses, centres, sessions] = await Promise.all([
    loadCourses(),
    all<TrainingCentre>('/api/v1/training/centres', undefined, 5000).then((r) => r.items),
    all<TrainingSession>('/api/v1/training/sessions', undefined, 5000).then((r) => r.items),
  ]);
  const names = new Map(centres.map((c) => [c.id, c.name]));
  return h('div', { class: 'training' },
    heading(t('training.title')),
    h('p', { class: 'lead' }, t('training.lead')),
    section(t('centre.list'), { 'data-testid': 'centres' },
      centres.length ? centresTable(centres) : empty(t('centre.none')),
      registerForm(courses)),
    sessionSections(sessions, courses, names));
}

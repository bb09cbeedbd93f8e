// An orientation centre (docs/formats/training.md section 2): its licence, its sessions (scheduled
// ones first, soonest first, then the past) and scheduling a session of a course it is licensed
// for. It is the home of the centre's staff (role orientation_centre, whose account names the
// centre) and, for the origin's officer, the centre's page, with the change of its licence.

import { ApiError, all, get, post } from '../api';
import { h } from '../dom';
import { formatDate, formatTime, t } from '../i18n';
import { navigate, refresh } from '../router';
import { asciiDigits } from '../text';
import type { Account, TrainingCentre, TrainingSession } from '../types';
import { LICENCE_STATUSES } from '../types';
import { FormErrors, integerOr, onSubmit } from '../forms';
import { code, facts, field, heading, label, link, notice, section, select, statusBadge } from '../ui';
import { type Courses, courseTitle, loadCourses, sessionSections } from './training';

export function centreMissing(id: string): HTMLElement {
  return h('div', { 'data-testid': 'centre-missing' },
    heading(t('centre.missing_title')),
    h('p', null, t('centre.missing', { id })),
    h('p', null, link('/', t('common.back_home'))));
}

export function centreFacts(c: TrainingCentre, courses: Courses): HTMLElement {
  return facts([
    [t('centre.kind'), label('centrekind', c.kind)],
    [t('centre.address'), c.address],
    [t('centre.licence_number'), code(c.licence_number)],
    [t('centre.licence'), statusBadge('licence', c.licence_status)],
    [t('centre.valid_until'), formatDate(c.licence_valid_until)],
    [t('centre.courses'), h('ul', { class: 'plain' }, c.courses.map((id) => h('li', null, courseTitle(courses, id))))],
    [t('centre.registered'), formatTime(c.registered_at)],
    [t('centre.number'), code(c.id)],
  ]);
}

// Scheduling a session: a course the centre is licensed for, the day, the place, the trainer and
// the places. The node decides whether the centre may deliver it on that day.
function scheduleForm(c: TrainingCentre, courses: Courses): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const course = select('course', c.courses.map((id) => [id, courseTitle(courses, id).textContent ?? id]));
  const date = h('input', { type: 'date', name: 'date', dir: 'ltr' });
  const place = h('input', { name: 'place', maxlength: 200, autocomplete: 'off' });
  const trainer = h('input', { name: 'trainer', maxlength: 200, autocomplete: 'off' });
  const capacity = h('input', { name: 'capacity', inputmode: 'numeric', autocomplete: 'off', dir: 'ltr', value: '30' });
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'schedule' }, t('schedule.submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'schedule-form' },
    h('div', { class: 'grid-form' },
      field(t('session.course'), course),
      field(t('session.date'), date),
      field(t('session.place'), place, t('schedule.place_hint')),
      field(t('session.trainer'), trainer),
      field(t('schedule.capacity'), capacity, t('schedule.capacity_hint'))),
    h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors({ course, date, place, trainer, capacity }, out);
  onSubmit(form, errors, progress, async () => {
    const s = await post<TrainingSession>('/api/v1/training/sessions', {
      course: course.value,
      centre: c.id,
      date: asciiDigits(date.value),
      place: place.value.trim(),
      trainer: trainer.value.trim(),
      capacity: integerOr(asciiDigits(capacity.value)),
    }, true);
    navigate(`/app/session/${s.id}`);
  });
  return section(t('schedule.title'), { 'data-testid': 'schedule' }, form, out);
}

// The officer's change of a centre's licence: its status, the day it is valid until, and why.
function licenceForm(c: TrainingCentre): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const status = select('licence_status', LICENCE_STATUSES.map((s) => [s, label('licence', s)]), c.licence_status);
  const until = h('input', { type: 'date', name: 'licence_valid_until', dir: 'ltr', value: c.licence_valid_until });
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 500 });
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'change-licence' }, t('licencechange.submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'licence-form' },
    h('div', { class: 'grid-form' },
      field(t('centre.licence'), status),
      field(t('centre.valid_until'), until),
      field(t('licencechange.reason'), reason)),
    h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors({ licence_status: status, licence_valid_until: until, reason }, out);
  onSubmit(form, errors, progress, async () => {
    await post(`/api/v1/training/centres/${encodeURIComponent(c.id)}/licence`, {
      licence_status: status.value,
      licence_valid_until: asciiDigits(until.value),
      reason: reason.value.trim(),
    });
    refresh();
  }, () => (status.value === 'revoked' ? t('confirm.revoke_licence') : null));
  return section(t('licencechange.title'), { 'data-testid': 'licence' },
    h('p', { class: 'hint' }, t('licencechange.hint')), form, out);
}

async function orMissing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

async function centrePage(account: Account, id: string, home: boolean): Promise<HTMLElement> {
  const c = await orMissing(get<TrainingCentre>(`/api/v1/training/centres/${encodeURIComponent(id)}`));
  if (!c) return centreMissing(id);
  const [courses, sessions] = await Promise.all([
    loadCourses(),
    all<TrainingSession>(`/api/v1/training/sessions?centre=${encodeURIComponent(c.id)}`, undefined, 5000).then((r) => r.items),
  ]);
  const officer = account.role === 'origin_officer';
  // The node says which steps this reader may take on the centre (its allowed_actions).
  const may = (step: TrainingCentre['allowed_actions'][number]) => c.allowed_actions.includes(step);
  return h('div', { class: home ? 'home home-centre' : 'centre', 'data-centre': c.id },
    heading(c.name),
    officer ? h('p', null, link('/app/training', t('training.all_centres'))) : null,
    section(t('centre.licence_title'), { 'data-testid': 'centre-facts' }, centreFacts(c, courses)),
    sessionSections(sessions, courses),
    may('schedule_session')
      ? scheduleForm(c, courses)
      : section(t('schedule.title'), { 'data-testid': 'schedule' }, notice(t('centre.not_active'), 'alert-error')),
    may('change_licence') ? licenceForm(c) : null);
}

export function renderCentre(account: Account, id: string): Promise<HTMLElement> {
  return centrePage(account, id, false);
}

// The home of a centre's staff: their own centre.
export async function centreHome(account: Account): Promise<HTMLElement> {
  if (!account.centre) return h('div', { class: 'home' }, heading(account.display_name), h('p', null, t('centre.no_centre')));
  return centrePage(account, account.centre, true);
}

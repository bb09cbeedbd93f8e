// One orientation or training session (docs/formats/training.md section 2), for its centre's staff
// and the origin's officer: what, when, where and by whom; its attendees with their outcome and
// certificate; and exactly the steps its allowed_actions name: enrol (a worker by her number, or
// an official), complete with those absent marked, cancel. A session the reader may not see is
// shown exactly as a missing one.

import { ApiError, all, get, post } from '../api';
import { h } from '../dom';
import { formatDate, formatList, formatTime, t } from '../i18n';
import { labels, workerLabel } from '../names';
import { refresh } from '../router';
import { asciiDigits } from '../text';
import type {
  Account, OfficialRole, SessionAttendee, TrainingCentre, TrainingCourse, TrainingSession,
} from '../types';
import { FormErrors, onSubmit } from '../forms';
import {
  actionButton, code, empty, facts, field, heading, label, link, section, select, statusBadge, table,
} from '../ui';
import { type Courses, certificateId, courseOutline, courseTitle, loadCourses, sessionState, today } from './training';

export function sessionMissing(id: string): HTMLElement {
  return h('div', { 'data-testid': 'session-missing' },
    heading(t('session.missing_title')),
    h('p', null, t('session.missing', { id })),
    h('p', null, link('/', t('common.back_home'))));
}

async function orMissing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

// Who attends: a worker by her name (as the node gives it on the roll, in Latin and her own
// script) and her number, linked to her record where the reader is shown workers (the origin's
// officer); an official by name, role and service number.
type Names = Map<string, string>;

function attendee(a: SessionAttendee, names: Names | null): HTMLElement | string {
  if (a.worker) {
    const who = h('span', { class: 'roll-name' },
      h('bdi', null, a.worker_name ?? ''),
      a.worker_name_native ? [' · ', h('bdi', null, a.worker_name_native)] : null);
    return h('span', null,
      names ? link(`/app/worker/${a.worker}`, names.get(a.worker) ?? a.worker_name ?? a.worker) : who,
      ' ', code(a.worker));
  }
  if (a.official) {
    return h('span', null, h('bdi', null, a.official.name), ' · ', label('officialrole', a.official.role),
      ' · ', code(a.official.service_number), ' · ', h('bdi', null, a.official.organisation));
  }
  return '';
}

function attendeeText(a: SessionAttendee, names: Names | null): string {
  if (a.worker) return names?.get(a.worker) ?? (a.worker_name ? `${a.worker_name} (${a.worker})` : a.worker);
  return a.official ? `${a.official.name} (${a.official.service_number})` : a.id;
}

function attendees(list: SessionAttendee[], names: Names | null): HTMLElement {
  return section(t('session.attendees'), { 'data-testid': 'attendees' },
    list.length
      ? table(t('session.attendees'), [
          { head: t('attendee.who'), cell: (a: SessionAttendee) => attendee(a, names) },
          { head: t('attendee.outcome'), cell: (a: SessionAttendee) => statusBadge('attendance', a.outcome) },
          {
            head: t('attendee.certificate'),
            cell: (a: SessionAttendee) => (a.certificate ? certificateId(a.certificate) : a.outcome === 'absent' ? t('common.none') : ''),
          },
          { head: t('attendee.enrolled_at'), cell: (a: SessionAttendee) => formatTime(a.enrolled_at) },
        ], list, { 'data-attendees': 'true' })
      : empty(t('session.no_attendees')));
}

// Enrolling: a worker by her number (a workers' course), or an official (an officials' course).
function enrolForm(s: TrainingSession, course: TrainingCourse | undefined): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'enrol' }, t('session.enrol'));
  const form = h('form', { class: 'grid-form', novalidate: true, 'data-testid': 'enrol-form' });
  let body: () => Record<string, unknown>;
  let fields: Record<string, HTMLElement>;
  if (s.audience === 'workers') {
    // Her worker number, or the passport she shows at the door, which the node looks up.
    const worker = h('input', { name: 'worker', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', dir: 'ltr' });
    const passport = h('input', { name: 'passport_number', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', dir: 'ltr', maxlength: 20 });
    form.append(field(t('enrol.worker'), worker, t('enrol.worker_hint')),
      field(t('enrol.passport'), passport, t('enrol.passport_hint')));
    fields = { worker, passport_number: passport };
    body = () => {
      const number = asciiDigits(worker.value).trim().toUpperCase();
      const held = asciiDigits(passport.value).trim().toUpperCase();
      return !number && held ? { passport_number: held } : { worker: number };
    };
  } else {
    const roles = (course?.official_roles ?? []) as OfficialRole[];
    const name = h('input', { name: 'official_name', autocomplete: 'off', maxlength: 200 });
    const role = select('official_role', roles.map((r) => [r, label('officialrole', r)]));
    const number = h('input', { name: 'service_number', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', maxlength: 64 });
    const organisation = h('input', { name: 'organisation', autocomplete: 'off', maxlength: 200 });
    form.append(field(t('enrol.official_name'), name), field(t('enrol.official_role'), role),
      field(t('enrol.service_number'), number), field(t('enrol.organisation'), organisation));
    fields = { 'official.name': name, 'official.role': role, 'official.service_number': number, 'official.organisation': organisation };
    body = () => ({
      official: {
        name: name.value.trim(), role: role.value, service_number: asciiDigits(number.value),
        organisation: organisation.value.trim(),
      },
    });
  }
  form.append(h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors(fields, out);
  onSubmit(form, errors, progress, async () => {
    await post(`/api/v1/training/sessions/${encodeURIComponent(s.id)}/attendees`, body(), true);
    refresh();
  });
  return section(t('session.enrol_title'), { 'data-testid': 'enrol' },
    h('p', { class: 'hint' }, t('session.places_left', { left: s.capacity - s.enrolled, capacity: s.capacity })),
    form, out);
}

// Completing: the day, and those absent; every other attendee is certified.
function completeForm(s: TrainingSession, list: SessionAttendee[], names: Names | null): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const progress = h('div', { 'aria-live': 'polite' });
  const now = today();
  const day = h('input', { type: 'date', name: 'completed_on', dir: 'ltr', min: s.date, max: now > s.date ? now : s.date });
  day.value = now > s.date ? now : s.date;
  const enrolled = list.filter((a) => a.outcome === 'enrolled');
  const boxes = enrolled.map((a) => h('input', { type: 'checkbox', name: 'absent', value: a.id }));
  const absent = h('fieldset', { class: 'choices', 'data-testid': 'absent' },
    h('legend', null, t('complete.absent')),
    h('p', { class: 'hint' }, t('complete.absent_hint')),
    enrolled.length
      ? boxes.map((b, i) => h('label', { class: 'choice', 'data-attendance': enrolled[i].id }, b, ' ', h('bdi', null, attendeeText(enrolled[i], names))))
      : h('p', { class: 'empty' }, t('session.no_attendees')));
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'complete-session' }, t('complete.submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'complete-form' },
    field(t('complete.day'), day, t('complete.day_hint')),
    absent,
    h('div', { class: 'buttons' }, send, progress));
  const errors = new FormErrors({ completed_on: day, absent }, out);
  onSubmit(form, errors, progress, async () => {
    await post(`/api/v1/training/sessions/${encodeURIComponent(s.id)}/complete`, {
      completed_on: asciiDigits(day.value),
      absent: boxes.filter((b) => b.checked).map((b) => b.value),
    });
    refresh();
  }, () => t('confirm.complete_session', { present: enrolled.length - boxes.filter((b) => b.checked).length, absent: boxes.filter((b) => b.checked).length }));
  return section(t('complete.title'), { 'data-testid': 'complete' }, form, out);
}

export async function renderSession(account: Account, id: string): Promise<HTMLElement> {
  const enc = encodeURIComponent(id);
  const s = await orMissing(get<TrainingSession>(`/api/v1/training/sessions/${enc}`));
  if (!s) return sessionMissing(id);
  const [courses, list, centre] = await Promise.all([
    loadCourses(),
    all<SessionAttendee>(`/api/v1/training/sessions/${enc}/attendees`, undefined, 1000).then((r) => r.items),
    orMissing(get<TrainingCentre>(`/api/v1/training/centres/${encodeURIComponent(s.centre)}`)),
  ]);
  // Workers by name for the origin's officer, whom the node shows its nationals' records.
  const names = account.role === 'origin_officer'
    ? await labels(list.flatMap((a) => (a.worker ? [a.worker] : [])), workerLabel)
    : null;
  return h('article', { class: 'session', 'data-session': s.id, 'data-state': s.state },
    heading(titleText(courses, s.course)),
    section(t('session.details'), { 'data-testid': 'session-facts' },
      facts([
        [t('session.course'), courseTitle(courses, s.course)],
        [t('session.date'), formatDate(s.date)],
        [t('session.centre'), centre
          ? (account.role === 'origin_officer' ? link(`/app/centre/${centre.id}`, centre.name) : centre.name)
          : code(s.centre)],
        [t('session.place'), s.place],
        [t('session.trainer'), s.trainer],
        [t('session.places'), t('session.enrolled_of', { enrolled: s.enrolled, capacity: s.capacity })],
        [t('session.state'), sessionState(s)],
        s.completed_on ? [t('session.completed_on'), formatDate(s.completed_on)] : null,
        [t('session.number'), code(s.id)],
      ]),
      courseDetails(courses, s.course)),
    attendees(list, names),
    s.allowed_actions.includes('enrol') ? enrolForm(s, courses.get(s.course)) : null,
    s.allowed_actions.includes('complete') ? completeForm(s, list, names) : null,
    s.allowed_actions.includes('cancel')
      ? section(t('session.cancel_title'), { 'data-testid': 'cancel' },
          h('p', { class: 'hint' }, t('session.cancel_hint')),
          actionButton(t('session.cancel'), async () => {
            await post(`/api/v1/training/sessions/${enc}/cancel`);
            refresh();
          }, { action: 'cancel-session', cls: 'danger', confirm: t('confirm.cancel_session') }))
      : null);
}

function titleText(courses: Courses, id: string): string {
  return courseTitle(courses, id).textContent ?? id;
}

function courseDetails(courses: Courses, id: string): HTMLElement | null {
  const c = courses.get(id);
  const outline = courseOutline(courses, id);
  if (!c || !outline) return null;
  return h('details', { class: 'course-outline' },
    h('summary', null, t('course.outline')),
    h('p', null, t('course.hours', { n: c.duration_hours })),
    h('p', null, formatList(c.topics.map((x) => label('topic', x)))),
    outline);
}

// Orientation and training (docs/formats/training.md), the parts every training page shares:
// courses by their title in the reader's language, sessions in the order staff work on them,
// certificates with their public check, and a worker's own training. Who sees what is the node's
// (section 4): a page asks only for what its reader's role is given and shows only what comes back.

import { ApiError, all, get, has as hasOp } from '../api';
import { h } from '../dom';
import { formatDate, language, t } from '../i18n';
import type { ListOf, OrientationCompletion, TrainingCertificate, TrainingCourse, TrainingSession, WorkerTraining } from '../types';
import { code, empty, link, section, statusBadge, table } from '../ui';

export type Courses = Map<string, TrainingCourse>;

export async function loadCourses(): Promise<Courses> {
  if (!hasOp('GET', '/api/v1/training/courses')) return new Map();
  const list = await get<ListOf<TrainingCourse>>('/api/v1/training/courses');
  return new Map(list.items.map((c) => [c.id, c]));
}

// The course's title in the reader's language, else in English (a course has text in English and
// in its country's language), marked with the language it is in; the id when it is unknown.
export function courseTitle(courses: Courses, id: string): HTMLElement {
  const c = courses.get(id);
  const lang = language().code;
  const text = c?.text[lang] ?? c?.text.en;
  if (!text) return code(id);
  return h('span', { lang: c?.text[lang] ? lang : 'en', 'data-course': id }, text.title);
}

export function courseOutline(courses: Courses, id: string): HTMLElement | null {
  const c = courses.get(id);
  const lang = language().code;
  const text = c?.text[lang] ?? c?.text.en;
  if (!text) return null;
  return h('ul', { class: 'outline', lang: c?.text[lang] ? lang : 'en' }, text.outline.map((o) => h('li', null, o)));
}

// The day the node counts in: its dates are UTC days ("today" of a completion's date rule).
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// Scheduled sessions first, soonest first (those whose day has come are the ones to complete);
// then completed and cancelled ones, latest first.
export function splitSessions(sessions: TrainingSession[]): { open: TrainingSession[]; past: TrainingSession[] } {
  const open = sessions.filter((s) => s.state === 'scheduled').sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const past = sessions.filter((s) => s.state !== 'scheduled').sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  return { open, past };
}

export function sessionState(s: TrainingSession): HTMLElement {
  const due = s.state === 'scheduled' && s.date <= today();
  return h('span', null, statusBadge('session', s.state),
    due ? [' ', h('span', { class: 'badge status-due', 'data-due': 'true' }, t('session.to_complete'))] : null);
}

// Sessions as a table: the day (a link to the session), the course, the place, the places taken
// and the state; the centre too when the reader sees more than one.
export function sessionTable(caption: string, sessions: TrainingSession[], courses: Courses,
  centres?: Map<string, string>): HTMLElement {
  return table(caption, [
    { head: t('session.date'), cell: (s: TrainingSession) => link(`/app/session/${s.id}`, formatDate(s.date)) },
    { head: t('session.course'), cell: (s: TrainingSession) => courseTitle(courses, s.course) },
    ...(centres ? [{ head: t('session.centre'), cell: (s: TrainingSession) => centres.get(s.centre) ?? s.centre }] : []),
    { head: t('session.place'), cell: (s: TrainingSession) => s.place },
    { head: t('session.places'), cell: (s: TrainingSession) => t('session.enrolled_of', { enrolled: s.enrolled, capacity: s.capacity }), cls: 'num' },
    { head: t('session.state'), cell: sessionState },
  ], sessions, { 'data-sessions': caption });
}

// Both lists of sessions, each in its own section.
export function sessionSections(sessions: TrainingSession[], courses: Courses, centres?: Map<string, string>): HTMLElement[] {
  const { open, past } = splitSessions(sessions);
  return [
    section(t('session.upcoming'), { 'data-testid': 'sessions-open' },
      open.length ? sessionTable(t('session.upcoming'), open, courses, centres) : empty(t('session.none_upcoming'))),
    section(t('session.past'), { 'data-testid': 'sessions-past' },
      past.length ? sessionTable(t('session.past'), past, courses, centres) : empty(t('session.none_past'))),
  ];
}

// The public check of a certificate: the node's own page, which names no one.
export function verifyLink(id: string): HTMLAnchorElement {
  return h('a', { href: `/verify/${encodeURIComponent(id)}`, target: '_blank', rel: 'noopener', 'data-verify': id },
    t('certificate.check'));
}

export function certificateId(id: string): HTMLElement {
  return h('span', { class: 'cert-id' }, code(id, { 'data-certificate': id }), ' ', verifyLink(id));
}

export function certificateList(certs: TrainingCertificate[], courses: Courses): HTMLElement {
  const sorted = [...certs].sort((a, b) => b.completed_on.localeCompare(a.completed_on));
  return h('ul', { class: 'plain certificates' }, sorted.map((c) => h('li', { 'data-certificate-of': c.id },
    h('p', null, h('strong', null, courseTitle(courses, c.course))),
    h('p', null, t('certificate.completed_on', { date: formatDate(c.completed_on) })),
    h('p', null, t('certificate.number'), ' ', certificateId(c.id)))));
}

// The worker's own training on her home: her certificates, the sessions she is enrolled in, and
// her worker number, which the orientation centre enrols her by. Nothing on a node with no
// courses, unless she holds certificates there.
export async function myTraining(wid: string): Promise<HTMLElement | null> {
  if (!wid || !hasOp('GET', '/api/v1/workers/{id}/training')) return null;
  const [courses, mine] = await Promise.all([
    loadCourses(),
    get<WorkerTraining>(`/api/v1/workers/${encodeURIComponent(wid)}/training`).catch((err) => {
      // A node that holds no record of her (the country of work, before her contract reached
      // it) has no training of hers either.
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  ]);
  if (!mine || (!courses.size && !mine.certificates.length)) return null;
  const waiting = mine.attendance.filter((a) => a.outcome === 'enrolled');
  // Where and when: the node tells her of her own sessions, which she does not read herself.
  const where = new Map(mine.sessions.map((p) => [p.session, p] as const));
  return section(t('training.mine'), { 'data-testid': 'my-training' },
    mine.certificates.length ? certificateList(mine.certificates, courses) : empty(t('training.no_certificate')),
    waiting.length
      ? h('ul', { class: 'plain sessions-mine' }, waiting.map((a) => {
          const p = where.get(a.session);
          return h('li', { 'data-enrolled': a.id },
            h('p', null, t('training.enrolled_in'), ' ', h('strong', null, courseTitle(courses, a.course))),
            p
              ? [
                  h('p', { 'data-when': p.date }, p.state === 'cancelled'
                    ? t('training.session_cancelled', { date: formatDate(p.date) })
                    : t('training.session_when', { date: formatDate(p.date) })),
                  h('p', { 'data-where': 'true' }, t('training.session_where'), ' ',
                    h('bdi', null, p.place), ' · ', h('bdi', null, p.centre_name), ' · ', h('bdi', null, p.centre_address)),
                ]
              : null);
        }))
      : null,
    h('p', { class: 'hint worker-number' }, t('training.your_number'), h('br'), code(wid, { 'data-testid': 'worker-number' })),
    mine.certificates.length ? h('p', { class: 'hint' }, t('training.check_hint')) : null);
}

// A worker's training on her record, for the origin's officer: certificates, places in sessions
// and the orientation the departure clearance reads. Null when the node gives the reader none.
export async function workerTraining(id: string, orNull: <T>(p: Promise<T>) => Promise<T | null>): Promise<HTMLElement | null> {
  if (!hasOp('GET', '/api/v1/workers/{id}/training')) return null;
  const enc = encodeURIComponent(id);
  const [courses, mine, orientation] = await Promise.all([
    loadCourses(),
    orNull(get<WorkerTraining>(`/api/v1/workers/${enc}/training`)),
    hasOp('GET', '/api/v1/workers/{id}/orientation')
      ? orNull(all<OrientationCompletion>(`/api/v1/workers/${enc}/orientation`, undefined, 200).then((r) => r.items))
      : Promise.resolve(null),
  ]);
  if (!mine) return null;
  const sessions = new Map((await Promise.all(mine.attendance.map((a) =>
    orNull(get<TrainingSession>(`/api/v1/training/sessions/${encodeURIComponent(a.session)}`)))))
    .flatMap((s) => (s ? [[s.id, s] as const] : [])));
  return section(t('training.of_worker'), { 'data-testid': 'worker-training' },
    h('h3', null, t('training.certificates')),
    mine.certificates.length ? certificateList(mine.certificates, courses) : empty(t('training.no_certificates')),
    h('h3', null, t('training.sessions')),
    mine.attendance.length
      ? table(t('training.sessions'), [
          { head: t('session.date'), cell: (a) => link(`/app/session/${a.session}`, sessions.has(a.session) ? formatDate(sessions.get(a.session)!.date) : a.session) },
          { head: t('session.course'), cell: (a) => courseTitle(courses, a.course) },
          { head: t('session.place'), cell: (a) => sessions.get(a.session)?.place ?? '' },
          { head: t('attendee.outcome'), cell: (a) => statusBadge('attendance', a.outcome) },
        ], mine.attendance)
      : empty(t('training.no_sessions')),
    orientation !== null
      ? [
          h('h3', null, t('orientation.title')),
          h('p', { class: 'hint' }, t('orientation.hint')),
          orientation.length
            ? h('ul', { class: 'plain certificates' }, orientation.map((o) => h('li', { 'data-orientation': o.id },
                h('p', null, h('strong', null, h('bdi', null, o.centre))),
                h('p', null, t('orientation.completed_on', { date: formatDate(o.completed_on) })),
                h('p', null, o.certificate
                  ? [t('orientation.from_certificate'), ' ', certificateId(o.certificate)]
                  : t('orientation.recorded_by_officer')))))
            : empty(t('orientation.none')),
        ]
      : null);
}

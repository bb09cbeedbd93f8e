// The portal's entry: the page frame (skip link, header with the node's name, the language
// switcher and the account, navigation, main region), the session, and the dispatch of paths
// to pages.

import './style.css';
import { currentAccount, get, has as hasOp, loadOperations, loadSession, logout, setOnExpired } from './api';
import { h, replace } from './dom';
import { LANGUAGES, findLanguage, has, language, onLanguageChange, rememberLanguage, savedLanguage, setLanguage, t } from './i18n';
import { current, navigate, onRoute, type Route } from './router';
import { busy, label, link } from './ui';
import type { NodeInfo } from './types';
import { renderLogin, rememberReturn } from './pages/login';
import { renderHome } from './pages/home';
import { renderContract } from './pages/contract';
import { renderContracts } from './pages/contracts';
import { renderWorker } from './pages/worker';
import { renderPayrollFile } from './pages/payroll';
import { renderFederation } from './pages/federation';
import { renderWatchlists } from './pages/watchlists';
import { renderReport } from './pages/cases_file';
import { renderComplaint } from './pages/cases_complaint';
import { renderCase } from './pages/cases_case';
import { renderTraining } from './pages/training_office';
import { renderCentre } from './pages/training_centre';
import { renderSession } from './pages/training_session';
import { renderStatistics } from './pages/statistics';
import { renderClearances } from './pages/clearance_queue';
import { navFor, seesStatistics } from './pages/nav';

let node: NodeInfo | null = null;
let renderSeq = 0;
let rendered = 0;  // pages shown so far in this visit

function initialLanguage(): string {
  const saved = savedLanguage();
  if (findLanguage(saved)) return saved as string;
  for (const l of navigator.languages ?? []) {
    const found = findLanguage(l);
    if (found) return found.code;
  }
  return 'en';
}

function languageSwitcher(): HTMLElement {
  const s = h('select', { id: 'language', name: 'language', 'data-testid': 'language' });
  for (const l of LANGUAGES) {
    const o = h('option', { value: l.code, lang: l.code }, l.name);
    if (l.code === language().code) o.selected = true;
    s.append(o);
  }
  s.addEventListener('change', () => {
    rememberLanguage(s.value);
    void setLanguage(s.value);
  });
  return h('div', { class: 'lang' }, h('label', { for: 'language' }, t('shell.language')), s);
}

function frame(): { main: HTMLElement } {
  const app = document.getElementById('app') as HTMLElement;
  const account = currentAccount();
  const nodeName = node ? (has(`node.${node.country}`) ? t(`node.${node.country}`) : node.name) : '';
  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand-row' },
      link('/', h('span', { class: 'brand', 'data-testid': 'brand' }, t('shell.brand'))),
      nodeName ? h('span', { class: 'node-name', 'data-testid': 'node-name' }, nodeName) : null),
    h('div', { class: 'tools' },
      languageSwitcher(),
      account
        ? h('button', {
            type: 'button',
            class: 'secondary',
            'data-action': 'logout',
            onclick: async () => {
              await logout();
              navigate('/app/login');
            },
          }, t('shell.logout'))
        : null),
    account
      ? h('p', { class: 'who' },
          h('bdi', { class: 'who-name' }, account.display_name || account.username),
          ' · ',
          h('span', { class: 'who-role' }, label('role', account.role)))
      : null);
  const nav = account ? navFor(account) : null;
  const main = h('main', { id: 'main', tabindex: -1, 'aria-busy': 'true' });
  replace(app,
    h('a', { class: 'skip', href: '#main' }, t('shell.skip')),
    header,
    nav,
    main,
    h('footer', { class: 'foot' }, h('p', null, t('shell.footer'))));
  return { main };
}

async function show(route: Route | null, keepFocus = false): Promise<void> {
  const seq = ++renderSeq;
  const account = currentAccount();
  if (!account && route?.page !== 'login') {
    // Come back here after logging in (a link from a message, a reload after the session ended).
    if (route && route.page !== 'home') rememberReturn(location.pathname + location.search);
    navigate('/app/login', true);
    return;
  }
  if (account && route?.page === 'login') {
    navigate('/', true);
    return;
  }
  const { main } = frame();
  main.append(busy(t('common.loading')));
  let content: HTMLElement;
  try {
    switch (route?.page) {
      case 'login': content = renderLogin(node); break;
      case 'home': content = await renderHome(account!); break;
      case 'contracts': content = await renderContracts(account!); break;
      case 'contract': content = await renderContract(account!, route.id); break;
      case 'worker': content = await renderWorker(account!, route.id); break;
      case 'payroll': content = route.id ? await renderPayrollFile(account!, route.id) : notFound(); break;
      case 'federation': content = await renderFederation(account!); break;
      case 'watchlists': content = await renderWatchlists(account!); break;
      case 'report': content = renderReport(account!); break;
      case 'complaint': content = route.id ? await renderComplaint(account!, route.id) : notFound(); break;
      case 'case': content = route.id ? await renderCase(account!, route.id) : notFound(); break;
      case 'training': content = await renderTraining(account!); break;
      case 'centre': content = route.id ? await renderCentre(account!, route.id) : notFound(); break;
      case 'session': content = route.id ? await renderSession(account!, route.id) : notFound(); break;
      case 'statistics': content = seesStatistics(account!) ? await renderStatistics(account!) : notFound(); break;
      case 'clearances': content = await renderClearances(account!); break;
      default: content = notFound();
    }
  } catch (err) {
    content = (await import('./pages/failed')).renderFailed(err);
  }
  if (seq !== renderSeq) return;  // a later navigation won
  main.replaceChildren(content);
  // Tests and assistive tools can tell a page that finished loading from one still loading.
  main.setAttribute('aria-busy', 'false');
  document.body.dataset.render = String(seq);
  const title = main.querySelector('h1');
  document.title = title ? `${title.textContent} · ${t('shell.brand')}` : t('shell.brand');
  // After a navigation the new page's heading takes the focus, so screen readers announce it;
  // the first page of a visit leaves the focus at the start of the document (the skip link).
  if (keepFocus) document.getElementById('language')?.focus();
  else if (rendered > 0) (title as HTMLElement | null)?.focus({ preventScroll: true });
  rendered += 1;
}

function notFound(): HTMLElement {
  return h('div', null, h('h1', { tabindex: -1 }, t('page.not_found')), h('p', null, link('/', t('common.back_home'))));
}

async function boot(): Promise<void> {
  await setLanguage(initialLanguage());
  await loadOperations();
  if (hasOp('GET', '/api/v1/node')) {
    try {
      node = await get<NodeInfo>('/api/v1/node');
    } catch {
      node = null;
    }
  }
  loadSession();
  setOnExpired(() => navigate('/app/login', true));
  onRoute((r) => void show(r));
  onLanguageChange(() => void show(current(), true));
  void show(current());
}

void boot();

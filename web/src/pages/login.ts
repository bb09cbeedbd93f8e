// Logging in. After login the portal speaks the account's own language (a worker's preferred
// language, an officer's working language); the switcher changes it at any time.

import { ApiError, login } from '../api';
import { h } from '../dom';
import { findLanguage, has, rememberLanguage, setLanguage, t } from '../i18n';
import { navigate } from '../router';
import { busy, field, problem } from '../ui';
import type { NodeInfo } from '../types';

const RETURN_KEY = 'corridor.return';

export function rememberReturn(path: string): void {
  sessionStorage.setItem(RETURN_KEY, path);
}

// Where to go after login: the page asked for, if it is one of the portal's own.
function returnPath(): string {
  const path = sessionStorage.getItem(RETURN_KEY) ?? '';
  sessionStorage.removeItem(RETURN_KEY);
  return /^\/app\/[a-z-]+(\/[A-Za-z0-9._-]{1,64})?\/?(\?[A-Za-z0-9=&._-]*)?$/.test(path) ? path : '/';
}

export function renderLogin(node: NodeInfo | null): HTMLElement {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'login' }, t('login.submit'));
  const form = h('form', { class: 'card login', novalidate: true },
    field(t('login.username'), user),
    field(t('login.password'), pass),
    submit,
    out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!user.value || !pass.value) {
      out.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, t('login.missing'))));
      (user.value ? pass : user).focus();
      return;
    }
    submit.disabled = true;
    out.replaceChildren(busy(t('login.checking')));
    try {
      const account = await login(user.value.trim(), pass.value);
      const lang = findLanguage(account.language);
      if (lang) {
        rememberLanguage(lang.code);
        await setLanguage(lang.code);
      }
      navigate(returnPath(), true);
    } catch (err) {
      out.replaceChildren(err instanceof ApiError && err.status === 401
        ? h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, t('login.failed')))
        : problem(err));
      pass.value = '';
      pass.focus();
    } finally {
      submit.disabled = false;
    }
  });
  const where = node ? (has(`node.${node.country}`) ? t(`node.${node.country}`) : node.name) : '';
  return h('div', { class: 'narrow' },
    h('h1', { tabindex: -1 }, t('login.title')),
    where ? h('p', { class: 'lead' }, t('login.node', { node: where })) : null,
    form,
    h('p', { class: 'hint' }, t('login.help')));
}

// A page whose data could not be loaded: the problem in the reader's language and a way back.

import { h } from '../dom';
import { t } from '../i18n';
import { refresh } from '../router';
import { link, problem } from '../ui';

export function renderFailed(err: unknown): HTMLElement {
  return h('div', null,
    h('h1', { tabindex: -1 }, t('page.failed')),
    problem(err),
    h('p', null, h('button', { type: 'button', class: 'secondary', onclick: () => refresh() }, t('common.retry'))),
    h('p', null, link('/', t('common.back_home'))));
}

// Horizontal bar charts in plain SVG. Bars grow from the reading start (left, or right in a
// right-to-left language); every bar is labelled with its name and its number, and the figure
// carries the same numbers as a table for screen readers.

import { h, svg } from './dom';
import { formatNumber, language } from './i18n';

export interface Bar {
  key: string;     // stable, for tests and colours
  label: string;
  value: number;
  href?: string;
  short?: string;  // drawn beside the bar when the label is too long for it (the table has it whole)
}

// `title` names the figure; when a heading right above already says it, pass showTitle false.
export function barChart(title: string, bars: Bar[], note?: string, showTitle = true): HTMLElement {
  const rtl = language().dir === 'rtl';
  const width = 320;
  const row = 32;
  const labelWidth = 118;
  const numberWidth = 40;
  const barSpace = width - labelWidth - numberWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * row + 4;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    'aria-hidden': 'true',
    // Positions are mirrored by hand below; anchors are read left to right.
    direction: 'ltr',
    class: 'chart',
    preserveAspectRatio: 'xMinYMin meet',
  });
  bars.forEach((b, i) => {
    const y = i * row + 2;
    const w = b.value === 0 ? 0 : Math.max(2, (b.value / max) * barSpace);
    // Mirror x positions for right-to-left reading.
    const xOf = (x: number, span = 0) => (rtl ? width - x - span : x);
    const g = svg('g', { 'data-key': b.key });
    if (b.short && b.short !== b.label) g.append(svg('title', {}, b.label));
    g.append(
      svg('text', {
        x: xOf(labelWidth - 6),
        y: y + row / 2 + 4,
        'text-anchor': rtl ? 'start' : 'end',
        class: 'chart-label',
      }, b.short ?? b.label),
      svg('rect', {
        x: xOf(labelWidth, w),
        y: y + 4,
        width: w,
        height: row - 10,
        rx: 2,
        class: `chart-bar bar-${b.key}`,
      }),
      svg('text', {
        x: xOf(labelWidth + w + 4),
        y: y + row / 2 + 4,
        'text-anchor': rtl ? 'end' : 'start',
        class: 'chart-value',
      }, formatNumber(b.value)),
    );
    chart.append(g);
  });
  // Wrapped, as in groupChart: a table's box ignores the width that hides it (long labels in a
  // right-to-left page would widen the page), a div's does not.
  const data = h('div', { class: 'visually-hidden' }, h('table', null,
    h('caption', null, title),
    h('tbody', null, bars.map((b) => h('tr', null, h('th', { scope: 'row' }, b.label), h('td', null, formatNumber(b.value)))))));
  return h('figure', { class: 'chart-figure' },
    h('figcaption', { class: showTitle ? null : 'visually-hidden' }, title),
    chart,
    data,
    note ? h('p', { class: 'hint' }, note) : null);
}

export interface Series {
  key: string;     // stable, for tests and colours (class bar-<key>)
  label: string;
}

export interface Group {
  key: string;
  label: string;
  values: number[];  // one per series, for the bars' lengths
  texts: string[];   // one per series, as shown (money formatted for the locale)
}

// Groups of bars (a month's expected and paid wages, a month's lines and workers paid short):
// each group's name on its own line, then one labelled bar per series. All bars share one scale.
export function groupChart(title: string, series: Series[], groups: Group[], showTitle = true): HTMLElement {
  const rtl = language().dir === 'rtl';
  const width = 320;
  const head = 22;
  const row = 22;
  const labelWidth = 104;
  const textWidth = 86;
  const barSpace = width - labelWidth - textWidth;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const groupHeight = head + series.length * row + 6;
  const height = groups.length * groupHeight + 2;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    'aria-hidden': 'true',
    direction: 'ltr',
    class: 'chart chart-groups',
    preserveAspectRatio: 'xMinYMin meet',
  });
  const xOf = (x: number, span = 0) => (rtl ? width - x - span : x);
  groups.forEach((g, gi) => {
    const top = gi * groupHeight + 2;
    const el = svg('g', { 'data-key': g.key });
    el.append(svg('text', {
      x: xOf(0),
      y: top + head - 6,
      'text-anchor': rtl ? 'end' : 'start',
      class: 'chart-group',
    }, g.label));
    series.forEach((s, si) => {
      const y = top + head + si * row;
      const v = g.values[si] ?? 0;
      const w = v <= 0 ? 0 : Math.max(2, (v / max) * barSpace);
      el.append(
        svg('text', {
          x: xOf(labelWidth - 6),
          y: y + row / 2 + 4,
          'text-anchor': rtl ? 'start' : 'end',
          class: 'chart-label',
        }, s.label),
        svg('rect', {
          x: xOf(labelWidth, w),
          y: y + 3,
          width: w,
          height: row - 7,
          rx: 2,
          class: `chart-bar bar-${s.key}`,
          'data-series': s.key,
        }),
        svg('text', {
          x: xOf(labelWidth + w + 4),
          y: y + row / 2 + 4,
          'text-anchor': rtl ? 'end' : 'start',
          class: 'chart-value',
        }, g.texts[si] ?? ''),
      );
    });
    chart.append(el);
  });
  // Wrapped: a table's box ignores the width that hides it, a div's does not.
  const data = h('div', { class: 'visually-hidden' }, h('table', null,
    h('caption', null, title),
    h('thead', null, h('tr', null, h('td', null), series.map((s) => h('th', { scope: 'col' }, s.label)))),
    h('tbody', null, groups.map((g) => h('tr', null,
      h('th', { scope: 'row' }, g.label),
      series.map((_, i) => h('td', null, g.texts[i] ?? '')))))));
  return h('figure', { class: 'chart-figure' },
    h('figcaption', { class: showTitle ? null : 'visually-hidden' }, title),
    chart,
    data);
}

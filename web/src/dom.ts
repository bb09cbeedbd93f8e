// A few helpers to build DOM nodes from code. The portal has no framework: every page is a
// function that builds its elements once and replaces them when its data changes. Text is always
// set as text (never as HTML), so nothing a record holds can inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];

export type Attrs = {
  [name: string]: string | number | boolean | null | undefined | EventListener;
};

// h('a', {href: '/x', class: 'y', onclick: f}, 'text', child, ...)
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') {
        el.addEventListener(name.replace(/^on/, ''), value);
      } else if (value === true) {
        el.setAttribute(name, '');
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

// An SVG element (charts).
export function svg(tag: string, attrs: Record<string, string | number>, ...children: Child[]): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

let counter = 0;
// A document-unique id for label/aria-describedby pairs.
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

// The portal's paths, as the node serves them: /, /app/{page} and /app/{page}/{id}. Navigation
// uses the History API; the node answers every such path with index.html, so a reload or a
// shared link lands on the same page.

export interface Route {
  page: string;  // 'home' for '/'
  id: string;    // '' when absent
}

export function parse(pathname: string): Route | null {
  if (pathname === '/' || pathname === '' || pathname === '/app' || pathname === '/app/') {
    return { page: 'home', id: '' };
  }
  const m = /^\/app\/([a-z-]+)(?:\/([A-Za-z0-9._-]{1,64}))?\/?$/.exec(pathname);
  if (!m) return null;
  return { page: m[1], id: m[2] ?? '' };
}

type Listener = (route: Route | null) => void;
let listener: Listener = () => {};

let shown = '';  // the path and query of the page on screen

export function onRoute(f: Listener): void {
  listener = (r) => {
    shown = location.pathname + location.search;
    f(r);
  };
  window.addEventListener('popstate', () => {
    // Following an in-page link (#terms, the skip link) changes only the fragment: same page.
    if (location.pathname + location.search === shown) return;
    listener(parse(location.pathname));
  });
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listener(parse(location.pathname));
}

// Renders the current page again (after an action changed its data, or the language changed).
export function refresh(): void {
  listener(parse(location.pathname));
}

export function current(): Route | null {
  return parse(location.pathname);
}

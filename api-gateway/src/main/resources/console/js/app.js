// The console's router: real paths (history API), one page module per route, loaded on demand.
import {api, ApiError, loginUrl} from './api.js';
import {h, mount, toast} from './dom.js';
import {failure} from './ui.js';

export const routes = [
  [/^\/$/, 'runs'],
  [/^\/login$/, 'login'],
  [/^\/connectors$/, 'connectors'],
  [/^\/connectors\/([^/]+)\/([^/]+)$/, 'connector'],
  [/^\/tools$/, 'tools'],
  [/^\/tools\/([^/]+)$/, 'tool'],
  [/^\/runs$/, 'runs'],
  [/^\/runs\/([^/]+)$/, 'run'],
  [/^\/secrets$/, 'secrets'],
  [/^\/ops$/, 'ops'],
];

const TITLES = {
  login: 'Sign in', connectors: 'Connectors', connector: 'Connector', tools: 'Tools', tool: 'Tool',
  runs: 'Runs', run: 'Run', secrets: 'Secrets', ops: 'Ops',
};

// The nav link that stands for each page (detail pages highlight their list).
const SECTION = {connector: '/connectors', tool: '/tools', run: '/runs'};

const mainEl = document.getElementById('main');
let session = null;
let leaveHandlers = [];
let renderSeq = 0;

function matchRoute(pathname) {
  for (const [pattern, name] of routes) {
    const found = pattern.exec(pathname);
    if (found) return {name, params: found.slice(1).map(safeDecode)};
  }
  return null;
}

function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The signed-in person, or null. Cached until sign-out or a failed load. */
async function loadSession() {
  try {
    session = await api('/console/session');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    session = null;
  }
  return session;
}

function renderHeader(name) {
  const signedIn = Boolean(session) && name !== 'login';
  document.getElementById('site-nav').hidden = !signedIn;
  document.getElementById('user').hidden = !signedIn;
  if (!signedIn) return;
  document.getElementById('user-name').textContent = session.sub;
  const list = document.getElementById('nav');
  let ops = list.querySelector('a[href="/ops"]');
  if (session.admin && !ops) list.append(h('li', {}, ops = h('a', {href: '/ops'}, 'Ops')));
  if (!session.admin && ops) ops.parentElement.remove();
  const current = SECTION[name] || location.pathname;
  for (const link of list.querySelectorAll('a')) {
    if (link.getAttribute('href') === current || (name === 'runs' && link.getAttribute('href') === '/runs')) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

function runLeaveHandlers() {
  const handlers = leaveHandlers;
  leaveHandlers = [];
  for (const handler of handlers) {
    try {
      handler();
    } catch (error) {
      console.error('onLeave handler failed', error);
    }
  }
}

function notFound() {
  document.title = 'Not found · Switchboard';
  return [h('h1', {}, 'Page not found'),
    h('p', {}, 'There is no page at this address. ', h('a', {href: '/runs'}, 'Go to the runs'), '.')];
}

function loadFailure(error) {
  return [h('h1', {}, 'Could not load this page'), failure(null, error),
    h('p', {}, h('a', {href: location.pathname + location.search}, 'Try again'))];
}

function makeContext(params, seq) {
  // Whether the person is still on this page: any later navigation starts a new render.
  const isCurrent = () => seq === renderSeq;
  return {
    params,
    query: new URLSearchParams(location.search),
    session,
    isCurrent,
    // A save answered after the person moved on must not drag them back to where it leads.
    navigate: (path, options) => (isCurrent() ? navigate(path, options) : Promise.resolve()),
    // A page that finishes loading after the person left it still gets its cleanup run.
    onLeave(fn) {
      if (isCurrent()) leaveHandlers.push(fn);
      else fn();
    },
  };
}

async function render() {
  runLeaveHandlers();
  const seq = ++renderSeq;
  const route = matchRoute(location.pathname);
  if (route && route.name !== 'login' && !session) {
    let known;
    try {
      known = await loadSession();
    } catch (error) {
      mount(mainEl, h('div', {class: 'view'}, loadFailure(error)));
      return;
    }
    if (!known) {
      location.assign(loginUrl());
      return;
    }
  }
  if (seq !== renderSeq) return;
  renderHeader(route ? route.name : null);
  // Each render gets its own view: a slow page that resolves after navigation writes to a detached node.
  const view = h('div', {class: 'view'});
  mount(mainEl, view);
  if (!route) {
    mount(view, notFound());
    return;
  }
  document.title = `${TITLES[route.name]} · Switchboard`;
  mount(view, h('p', {class: 'loading'}, 'Loading…'));
  view.setAttribute('aria-busy', 'true');
  try {
    const page = await import(`./pages/${route.name}.js`);
    if (seq !== renderSeq) return;
    await page.default(view, makeContext(route.params, seq));
  } catch (error) {
    if (seq === renderSeq) mount(view, loadFailure(error));
  } finally {
    view.removeAttribute('aria-busy');
  }
}

function focusMain() {
  // Keep focus a page put on purpose (e.g. the login field); otherwise start reading at the content.
  if (!mainEl.contains(document.activeElement)) mainEl.focus({preventScroll: true});
}

/** Goes to `path` (same origin) without reloading; `replace` for redirects that should not stay in history. */
export async function navigate(path, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.scrollTo(0, 0);
  await render();
  focusMain();
}

/** Forget the cached session, e.g. right after logging in. */
export function resetSession() {
  session = null;
}

function shouldIntercept(event, link) {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return false;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return false;
  // API and asset links (raw JSON, files) are real loads, not pages.
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/console/')) return false;
  // In-page anchors such as the skip link keep their native behaviour.
  return !(url.hash && url.pathname === location.pathname && url.search === location.search);
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || !shouldIntercept(event, link)) return;
  event.preventDefault();
  const url = new URL(link.href, location.href);
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', () => render().then(focusMain));

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api('/console/session', {method: 'DELETE'});
  } catch (error) {
    toast(`Sign out failed: ${error.message}`);
    return;
  }
  runLeaveHandlers();
  session = null;
  location.assign('/login');
});

render();

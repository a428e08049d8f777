// Building blocks that several pages share. Pages import from here (and api.js, dom.js), never
// from each other, so each page module stays loadable and readable on its own.
import {ApiError} from './api.js';
import {clearProblem, h, problemText, showProblem} from './dom.js';

export const enc = encodeURIComponent;

/** The statuses of a run that is not over yet (it may still change, and can be aborted). */
export const ACTIVE_STATUSES = new Set(['requested', 'running', 'awaiting_input']);

export function isActive(status) {
  return ACTIVE_STATUSES.has(status);
}

/** A value for a pre.code: strings as they are, anything else as indented JSON. */
export function pretty(value) {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A definition list of [label, ...value] rows, leaving out rows without a value. */
export function props(rows) {
  const shown = rows.filter(([, ...value]) => value.some((part) => part != null && part !== '' && part !== false));
  return h('dl', {class: 'props'}, shown.flatMap(([label, ...value]) => [h('dt', {}, label), h('dd', {}, ...value)]));
}

/**
 * A labelled field: the label, the control (which must have its id) and an optional hint linked
 * with aria-describedby, so a screen reader reads the hint with the control.
 */
export function field(label, control, hint) {
  if (hint) {
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [...described, `${control.id}-hint`].join(' '));
  }
  return h('div', {class: 'field'}, h('label', {for: control.id}, label), control,
    hint ? h('p', {class: 'hint', id: `${control.id}-hint`}, hint) : null);
}

/** Marks a form busy while its request is out: its buttons cannot send it twice. */
export function setBusy(form, busy) {
  form.setAttribute('aria-busy', String(busy));
  for (const button of form.querySelectorAll('button')) {
    button.disabled = busy;
  }
}

/**
 * Problems found in the browser before anything is sent, {field: message}, in the API's
 * problem+json shape so showProblem marks each field the same way it marks the server's.
 */
export function formProblem(errors, detail = 'Check the marked field.') {
  return new ApiError(400, {title: 'Check the marked field.', detail,
    errors: Object.entries(errors).map(([name, message]) => ({field: name, message}))});
}

/** A failed load or action, said in a role=alert box: "what: the problem's detail". */
export function failure(what, error) {
  return h('div', {class: 'form-error', role: 'alert'}, h('p', {}, what ? `${what}: ${problemText(error)}` : problemText(error)));
}

/**
 * A one-line live region. A table or a response read out whole on every refresh drowns a screen
 * reader, so pages announce a short summary here and keep the content itself outside.
 * `say(text)` changes it only when the text differs: a live list refreshed with the same total
 * must not be announced again.
 */
export function liveSummary() {
  const element = h('p', {class: 'visually-hidden', role: 'status'});
  return {element, say(text) {
    if (element.textContent !== text) element.textContent = text;
  }};
}

/**
 * A pager for the API's list shape {page, limit, total, hasMore}: "Page 2 of 5 · 93 runs" with
 * Previous and Next links built by `hrefFor(page)`. Links keep the page in the address, so reload,
 * Back and a new tab all show the same page.
 */
export function pager({page, limit, total, hasMore}, hrefFor, noun = 'items') {
  const pages = Math.max(1, Math.ceil(total / limit));
  return h('nav', {class: 'pager', 'aria-label': 'Pages'},
    page > 1 ? h('a', {href: hrefFor(page - 1), rel: 'prev'}, '← Previous') : null,
    h('span', {}, `Page ${page} of ${pages} · ${total} ${noun}`),
    hasMore ? h('a', {href: hrefFor(page + 1), rel: 'next'}, 'Next →') : null);
}

/** The page number in a list page's address (?page=), 1 when missing or unreadable. */
export function pageOf(query) {
  return Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
}

/**
 * Wraps a page's load so that only the newest answer is shown: the first load and an early
 * nudge may overlap, and an older answer must not replace a newer one. Nothing is drawn once the
 * person has left the page. `show(value)` gets an answer, `fail(error)` a failed call.
 */
export function latestOnly(ctx, fetch, {show, fail}) {
  let asked = 0;
  let drawn = 0;
  return async function load() {
    const seq = ++asked;
    let outcome;
    try {
      outcome = {value: await fetch()};
    } catch (error) {
      outcome = {error};
    }
    if (!ctx.isCurrent() || seq < drawn) return;
    drawn = seq;
    if ('error' in outcome) fail(outcome.error);
    else show(outcome.value);
  };
}

const EXCERPT_CHARS = 600;
const COMPACT_JSON_CHARS = 100;
let excerptCount = 0;

/**
 * JSON (or text) in a pre.code, cut at `max` characters with a "Show all" button. `key` and
 * `expanded` (a Set) remember across re-renders that the person asked for all of it; the key
 * also lets a re-render give focus back to the button.
 */
export function excerpt(value, {max = EXCERPT_CHARS, key = null, expanded = null} = {}) {
  const text = typeof value === 'string' ? value : jsonText(value);
  const pre = h('pre', {class: 'code', id: `excerpt-${++excerptCount}`});
  if (text.length <= max) {
    pre.textContent = text;
    return pre;
  }
  let full = key !== null && expanded !== null && expanded.has(key);
  const button = h('button', {type: 'button', class: 'link show-all', 'aria-controls': pre.id,
    'data-key': key !== null ? `more:${key}` : null});
  const paint = () => {
    pre.textContent = full ? text : `${text.slice(0, max)}…`;
    button.textContent = full ? 'Show less' : `Show all (${text.length.toLocaleString()} characters)`;
    button.setAttribute('aria-expanded', String(full));
  };
  button.addEventListener('click', () => {
    full = !full;
    if (key !== null && expanded !== null) {
      if (full) expanded.add(key);
      else expanded.delete(key);
    }
    paint();
  });
  paint();
  return h('div', {class: 'excerpt'}, pre, button);
}

/** Short JSON on one line (an item such as {"id": 3} stays one line); longer JSON indented. */
function jsonText(value) {
  const compact = JSON.stringify(value) ?? 'null';
  return compact.length <= COMPACT_JSON_CHARS ? compact : JSON.stringify(value, null, 2);
}

/**
 * Sends a form the way every form here works: earlier marks cleared, its buttons disabled while
 * the request is out, and a refusal (an ApiError, or a formProblem found before sending) marked
 * on the fields with what was typed kept. `refused(error)` runs after the marks are shown.
 */
export function onSubmit(form, action, {refused} = {}) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    setBusy(form, true);
    try {
      await action();
    } catch (error) {
      showProblem(form, error);
      refused?.(error);
    } finally {
      setBusy(form, false);
    }
  });
}

/**
 * A button that shows and hides `panel` (which needs an id), with aria-expanded saying which.
 * `open(...args)` shows it from elsewhere too (an empty state's button) and calls `onOpen(...args)`.
 */
export function disclosure(label, panel, onOpen) {
  const button = h('button', {type: 'button', class: 'primary', 'aria-expanded': 'false', 'aria-controls': panel.id}, label);
  const setOpen = (open) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  const open = (...args) => {
    setOpen(true);
    onOpen(...args);
  };
  button.addEventListener('click', () => (panel.hidden ? open() : setOpen(false)));
  return {button, open};
}

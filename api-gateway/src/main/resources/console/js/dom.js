// DOM helpers. Data only ever reaches the page as text nodes or attribute values, never as HTML.

// Set as properties, not attributes, so they reflect what the control shows (and work on <select>).
const PROPERTIES = new Set(['value', 'checked', 'selected', 'indeterminate']);

function appendChildren(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) appendChildren(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function applyAttribute(el, key, value) {
  if (key.startsWith('on:')) {
    el.addEventListener(key.slice(3), value);
  } else if (key === 'class') {
    const names = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    if (names) el.className = names;
  } else if (key === 'style' && typeof value === 'object') {
    // CSSOM writes are allowed under a strict CSP, unlike style="" attributes.
    Object.assign(el.style, value);
  } else if (PROPERTIES.has(key)) {
    el[key] = value;
  } else if (value === true) {
    el.setAttribute(key, '');
  } else if (value !== false && value !== null && value !== undefined) {
    el.setAttribute(key, String(value));
  }
}

/** h('a', {href: '/tools', class: 'x', 'on:click': fn}, 'text', node, [more]) → element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  // Children first, so a select's `value` can pick one of its options.
  appendChildren(el, children);
  for (const [key, value] of Object.entries(attrs || {})) applyAttribute(el, key, value);
  return el;
}

/** Replaces the children of `container`. */
export function mount(container, ...nodes) {
  container.replaceChildren();
  appendChildren(container, nodes);
  return container;
}

let errorSeq = 0;

// Hidden controls (a collapsed alternative) cannot show an error; a visible one may take it via data-field.
function controlsOf(form) {
  return [...form.querySelectorAll('input, select, textarea')].filter((c) => !c.closest('[hidden]'));
}

// A prefix matches only at a path boundary: "steps" matches "steps[0].connector", not "stepsX".
function isPrefix(prefix, field) {
  return prefix && field.startsWith(prefix)
    && (field.length === prefix.length || '.['.includes(field[prefix.length]));
}

// data-field may list several space-separated paths; "*" takes whatever no other control matched
// (a JSON textarea standing for a whole document).
function fieldKeys(control) {
  return (control.dataset.field || '').split(' ').filter(Boolean);
}

/** Exact `name`, then exact `data-field`, then the longest name/data-field that is a path prefix, then "*". */
function findControl(controls, field) {
  const exact = controls.find((c) => c.name === field) || controls.find((c) => fieldKeys(c).includes(field));
  if (exact) return {control: exact, exact: true};
  let best = null;
  let bestLength = 0;
  for (const control of controls) {
    for (const key of [control.name, ...fieldKeys(control)]) {
      if (isPrefix(key, field) && key.length > bestLength) {
        best = control;
        bestLength = key.length;
      }
    }
  }
  best ??= controls.find((c) => fieldKeys(c).includes('*'));
  return best ? {control: best, exact: false} : null;
}

function markControl(control, message) {
  const id = `field-error-${++errorSeq}`;
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  control.setAttribute('aria-describedby', [...described, id].join(' '));
  const note = h('p', {class: 'field-error', id}, message);
  const field = control.closest('.field');
  if (field) field.append(note);
  else control.after(note);
}

/** What to tell a person about a failed call: the problem's detail, else its title, else the message. */
export function problemText(error) {
  if (error && error.problem) return error.problem.detail || error.problem.title || error.message;
  return (error && error.message) || 'Something went wrong.';
}

/**
 * Shows an ApiError (or any Error) on `form`: each errors[] entry next to its control, the problem's
 * detail in a role=alert box at the top, and entries without a control listed there. Values stay as typed.
 */
export function showProblem(form, error) {
  clearProblem(form);
  const controls = controlsOf(form);
  const unplaced = [];
  let first = null;
  for (const entry of (error && error.errors) || []) {
    const field = String(entry.field ?? '');
    const message = String(entry.message ?? 'is invalid');
    const found = field ? findControl(controls, field) : null;
    if (!found) {
      unplaced.push(field ? `${field}: ${message}` : message);
      continue;
    }
    // A control that stands for a whole document (e.g. a JSON textarea) needs the path to be useful.
    markControl(found.control, found.exact ? message : `${field}: ${message}`);
    first ??= found.control;
  }
  const box = h('div', {class: 'form-error', role: 'alert', tabindex: '-1'},
    h('p', {}, problemText(error)),
    unplaced.length ? h('ul', {}, unplaced.map((text) => h('li', {}, text))) : null);
  form.prepend(box);
  (first || box).focus();
}

/** Removes the marks showProblem added; never touches values. */
export function clearProblem(form) {
  form.querySelectorAll('.form-error, .field-error').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((control) => {
    control.removeAttribute('aria-invalid');
    const kept = (control.getAttribute('aria-describedby') || '').split(' ')
      .filter((id) => id && !id.startsWith('field-error-'));
    if (kept.length) control.setAttribute('aria-describedby', kept.join(' '));
    else control.removeAttribute('aria-describedby');
  });
}

/** An empty state that says what to do next, with an optional action (link or button). */
export function emptyState(message, action) {
  return h('div', {class: 'empty'}, h('p', {}, message), action || null);
}

export function fmtTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(Number(ms))) return '—';
  const value = Number(ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  const minutes = Math.floor(value / 60_000);
  const seconds = Math.round((value % 60_000) / 1000);
  if (minutes < 60) return `${minutes} min ${seconds} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function statusBadge(status) {
  const name = String(status || 'unknown').toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return h('span', {class: `badge status-${name}`}, name.replace(/_/g, ' '));
}

let toastTimer = 0;

/** Announces `message` in the polite live region and hides it after a while. */
export function toast(message) {
  const region = document.getElementById('toast');
  if (!region) return;
  clearTimeout(toastTimer);
  // Emptying first makes screen readers announce a repeat of the same text.
  region.textContent = '';
  region.classList.remove('visible');
  requestAnimationFrame(() => {
    region.textContent = message;
    region.classList.add('visible');
  });
  toastTimer = setTimeout(() => {
    region.classList.remove('visible');
    region.textContent = '';
  }, 6000);
}

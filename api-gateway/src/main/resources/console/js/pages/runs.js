// Runs: the list of runs, newest first, with filters kept in the URL so reload and Back keep
// them, and statuses that update live (a `run` event re-fetches the page in view).

import {api, ApiError} from '../api.js';
import {h, mount, showProblem, clearProblem, emptyState, fmtTime, fmtDuration, statusBadge} from '../dom.js';
import {liveRefresh} from '../events.js';
import {enc, failure, field, formProblem, isActive, latestOnly, liveSummary, pager} from '../ui.js';

const STATUSES = ['running', 'awaiting_input', 'success', 'failed', 'aborted', 'requested'];
const TRIGGERS = ['API', 'WEBHOOK', 'SCHEDULE', 'AGENT', 'MANUAL', 'CHAIN'];
const LIMITS = ['20', '50', '100'];
const DEFAULT_LIMIT = '20';
/** The filters, by their names in the page URL and in GET /api/v1/runs (the same on purpose). */
const FILTERS = ['toolId', 'status', 'triggerType', 'chatId', 'since', 'until'];

export default async function render(main, ctx) {
  let query = readQuery(ctx.query);
  const summary = liveSummary();
  const results = h('div', {class: 'runs-results'});
  // filters the server refused: nudges would only show (and focus) the same error again
  let refused = false;
  const load = latestOnly(ctx, () => api('/api/v1/runs', {query: apiQuery(query)}), {
    show(list) {
      clearProblem(form);
      mount(results, runsTable(list, query));
      summary.say(`${list.total} ${list.total === 1 ? 'run' : 'runs'}, page ${list.page}.`);
    },
    fail(error) {
      refused = error instanceof ApiError && error.status === 400;
      showLoadError(form, results, error);
    },
  });
  // only `run` events change a list row (requested, finished); step events do not
  const live = liveRefresh(ctx, (type) => type === 'run' && !refused, load);
  const form = filterForm(query, (next) => {
    query = next;
    refused = false;
    filters.count(query);
    // pushState rather than a router navigation: the form keeps focus and what was typed;
    // Back fires popstate, and the router renders this page again from the older URL
    history.pushState(null, '', runsHref(query));
    live.request();
  });

  const filters = filtersPanel(form, query);
  mount(main,
    h('div', {class: 'page-header'},
      h('h1', {}, 'Runs'),
      h('p', {class: 'hint'}, 'Newest first. Statuses update live while this page is open.')),
    filters.panel,
    summary.element,
    results);
  await load();
}

function readQuery(params) {
  const query = {};
  for (const name of [...FILTERS, 'page', 'limit']) {
    const value = params.get(name);
    if (value) {
      query[name] = value;
    }
  }
  return query;
}

function apiQuery(query) {
  return {...query, limit: query.limit || DEFAULT_LIMIT, page: query.page || '1'};
}

function runsHref(query, page) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value && name !== 'page') {
      params.set(name, value);
    }
  }
  if (page && page > 1) {
    params.set('page', String(page));
  }
  const text = params.toString();
  return text ? `/runs?${text}` : '/runs';
}

/**
 * The filter form in a <details>: open on wide screens, and on a phone only when a filter is
 * set, so there the list is what one sees first.
 */
function filtersPanel(form, query) {
  const label = h('span', {class: 'hint'});
  const count = (current) => {
    const active = FILTERS.filter((name) => current[name]).length;
    label.textContent = active > 0 ? ` (${active} set)` : '';
    return active;
  };
  const panel = h('details', {class: 'filters'}, h('summary', {}, 'Filters', label), form);
  panel.open = count(query) > 0 || !window.matchMedia('(max-width: 600px)').matches;
  return {panel, count};
}

function filterForm(query, onApply) {
  const form = h('form', {class: 'toolbar', role: 'search', 'aria-label': 'Filter runs', novalidate: true},
    field('Tool id', textInput('runs-toolId', 'toolId', query.toolId)),
    field('Status', select('runs-status', 'status', 'Any status', STATUSES, query.status)),
    field('Trigger', select('runs-triggerType', 'triggerType', 'Any trigger', TRIGGERS, query.triggerType)),
    field('Chat id', textInput('runs-chatId', 'chatId', query.chatId)),
    field('Started from', h('input', {id: 'runs-since', name: 'since', type: 'datetime-local',
      value: isoToLocalInput(query.since)})),
    field('Started until', h('input', {id: 'runs-until', name: 'until', type: 'datetime-local',
      value: isoToLocalInput(query.until)})),
    field('Per page', select('runs-limit', 'limit', null, LIMITS, query.limit || DEFAULT_LIMIT)),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, 'Apply filters'),
      h('a', {href: '/runs'}, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = readForm(form);
    if (next) {
      onApply(next);
    }
  });
  return form;
}

/** The form's filters as a query (page reset to 1), or null after marking a field the user must fix. */
function readForm(form) {
  clearProblem(form);
  const next = {};
  for (const name of ['toolId', 'status', 'triggerType', 'chatId', 'limit']) {
    const value = form.elements[name].value.trim();
    if (value) {
      next[name] = value;
    }
  }
  if (next.limit === DEFAULT_LIMIT) {
    delete next.limit;
  }
  // datetime-local is the person's local time; the API filters on instants
  const since = localInputToIso(form.elements.since.value);
  const until = localInputToIso(form.elements.until.value);
  if (since) {
    next.since = since;
  }
  if (until) {
    next.until = until;
  }
  if (since && until && since > until) {
    showProblem(form, formProblem({until: 'must be after "Started from"'}));
    return null;
  }
  return next;
}

function showLoadError(form, results, error) {
  if (error instanceof ApiError && error.status === 400) {
    // a filter the server refused (say a status it does not know): mark it in the form
    showProblem(form, error);
    mount(results, emptyState('These filters cannot be used — fix the marked field, or clear the filters.',
      h('a', {href: '/runs'}, 'Clear filters')));
    return;
  }
  mount(results, failure('Could not load runs', error));
}

function runsTable(list, query) {
  if (list.data.length === 0) {
    return noRuns(list, query);
  }
  return h('div', {},
    h('div', {class: 'table-wrap'},
      h('table', {class: 'list runs'},
        h('caption', {class: 'visually-hidden'}, 'Runs, newest first'),
        h('thead', {},
          h('tr', {},
            ['Run', 'Tool', 'Status', 'Trigger', 'Started', 'Duration', 'Error'].map((label) =>
              h('th', {scope: 'col'}, label)))),
        h('tbody', {}, list.data.map(runRow)))),
    pager(list, (page) => runsHref(query, page), list.total === 1 ? 'run' : 'runs'));
}

function runRow(run) {
  return h('tr', {'data-run-id': run.runId},
    h('th', {scope: 'row'}, h('a', {href: `/runs/${enc(run.runId)}`, class: 'mono'}, run.runId)),
    h('td', {}, h('a', {href: `/tools/${enc(run.toolId)}`}, run.toolId)),
    h('td', {}, statusBadge(run.status)),
    h('td', {},
      run.triggerType || '—',
      run.chatId ? h('div', {class: 'hint'}, 'chat ', h('span', {class: 'mono'}, run.chatId)) : null),
    h('td', {}, run.startedAt ? h('time', {datetime: run.startedAt}, fmtTime(run.startedAt)) : '—'),
    h('td', {}, run.durationMs != null ? fmtDuration(run.durationMs) : (isActive(run.status) ? 'running…' : '—')),
    h('td', {}, run.error ? errorSummary(run.error) : null));
}

function errorSummary(error) {
  return h('span', {class: 'run-error'},
    h('strong', {class: 'mono'}, error.code || 'ERROR'),
    error.message ? h('span', {class: 'hint'}, ' ', truncate(error.message, 120)) : null);
}

function noRuns(list, query) {
  const filtered = FILTERS.some((name) => query[name]);
  if (list.total > 0 && list.page > 1) {
    return emptyState(`This page is past the last one (${list.total} runs in all).`,
      h('a', {href: runsHref(query, 1)}, 'Go to the first page'));
  }
  if (filtered) {
    return emptyState('No runs match these filters — widen them, or clear them to see every run.',
      h('a', {href: '/runs'}, 'Clear filters'));
  }
  return emptyState('No runs yet — run a tool from the Tools page and it shows up here, live.',
    h('a', {href: '/tools'}, 'Go to Tools'));
}

function textInput(id, name, value) {
  return h('input', {id, name, type: 'text', value: value || '', autocomplete: 'off', spellcheck: 'false'});
}

function select(id, name, anyLabel, values, selected) {
  return h('select', {id, name},
    anyLabel ? h('option', {value: ''}, anyLabel) : null,
    values.map((value) => h('option', {value, selected: value === selected}, value)));
}

/** An ISO instant as the value of a datetime-local input, in the person's time zone. */
function isoToLocalInput(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (local time, no zone) as an ISO instant; '' when empty or unreadable. */
function localInputToIso(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value); // a date-time without offset is read as local time
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// Run detail: the execution tree (run → steps → loop items) with a waterfall, the run's error,
// approval, webhook and chain, kept live while the run is in flight.
//
// Everything shown comes from GET /api/v1/runs/{id}, which masks secrets already; credentials
// given with a run are never stored, so there is nothing here that could show one.

import {api, ApiError} from '../api.js';
import {h, mount, showProblem, clearProblem, emptyState, fmtTime, fmtDuration, statusBadge, toast, problemText} from '../dom.js';
import {liveRefresh} from '../events.js';
import {enc, excerpt, failure, formProblem, isActive, latestOnly, props, setBusy} from '../ui.js';

/** Items per collapsed group: a run with 1,000 items builds 10 summaries, not 1,000 items. */
const GROUP_SIZE = 100;
const CURRENT_ITEM_CHARS = 200;
/** A paused run emits no event, and an event can be missed: poll as well while the run is live. */
const POLL_MS = 2000;

export default async function render(main, ctx) {
  const runId = ctx.params[0];
  const view = runView(main, runId, () => live.request());
  const load = latestOnly(ctx, () => api(runPath(runId)), view);
  const live = liveRefresh(ctx, (type, data) => Boolean(data) && data.runId === runId, load);
  const poll = setInterval(() => {
    if (view.isLive()) {
      live.request();
    }
  }, POLL_MS);
  ctx.onLeave(() => clearInterval(poll));
  await load();
}

function runPath(runId) {
  return `/api/v1/runs/${enc(runId)}`;
}

/**
 * The page across refreshes: the run shown, and what the person opened, expanded and typed.
 * `show(run)` draws an answer, `fail(error)` a failed load; `refresh()` asks for a new load.
 */
function runView(main, runId, refresh) {
  const ui = newUiState();
  const notice = h('div', {class: 'live-notice', role: 'status'});
  let current = null;
  let currentText = '';
  const view = {
    isLive: () => Boolean(current) && needsPolling(current),
    show(run) {
      notice.textContent = '';
      const text = JSON.stringify(run);
      if (text === currentText) {
        return; // nothing changed: keep the DOM, and with it what is open, focused and typed
      }
      current = run;
      currentText = text;
      const refs = {steps: new Map()};
      redraw(main, runPage(run, ui, refs, actions, notice));
      ui.refs = refs;
    },
    fail(error) {
      if (error instanceof ApiError && error.status === 404) {
        mount(main,
          h('div', {class: 'page-header'}, h('h1', {}, 'Run not found')),
          emptyState(`There is no run "${runId}" that you may see — it may be someone else's, or the id is wrong.`,
            h('a', {href: '/runs'}, 'See all runs')));
      } else if (current) {
        // keep the tree that is there; say that it may be out of date
        notice.textContent = `Could not refresh (${problemText(error)}); retrying.`;
      } else {
        mount(main,
          h('div', {class: 'page-header'}, h('h1', {}, 'Run')),
          failure('Could not load the run', error),
          h('p', {}, h('button', {type: 'button', 'on:click': refresh}, 'Try again')));
      }
    },
  };
  const actions = {
    abort: (form) => abortRun(runId, form, view, refresh),
    decide: (form, approved) => decide(runId, form, approved, view, refresh),
    revealItem: (stepId, itemIndex) => revealItem(ui.refs, stepId, itemIndex),
  };
  return view;
}

async function abortRun(runId, form, view, refresh) {
  clearProblem(form);
  if (!window.confirm(`Abort run ${runId}? Its calls in flight are cancelled and it ends as aborted.`)) {
    return;
  }
  setBusy(form, true);
  let run;
  try {
    run = await api(`${runPath(runId)}/abort`, {method: 'POST', body: {}});
  } catch (error) {
    setBusy(form, false);
    showProblem(form, error);
    refresh(); // a 409 means it finished meanwhile: show how
    return;
  }
  setBusy(form, false);
  toast(run.status === 'aborted' ? 'Run aborted.' : 'Abort requested — the run stops in a moment.');
  view.show(run);
  // the button had focus (disabling it may have dropped it); once the run ended, its form is gone
  (form.isConnected ? form.querySelector('button') : document.getElementById('run-heading'))?.focus();
}

async function decide(runId, form, approved, view, refresh) {
  clearProblem(form);
  const input = readJsonField(form, 'input');
  if (input === INVALID) {
    return;
  }
  setBusy(form, true);
  try {
    const body = input === undefined ? {approved} : {approved, input};
    const run = await api(`${runPath(runId)}/continue`, {method: 'POST', body});
    toast(approved ? 'Approved — the run goes on.' : 'Rejected — the run ends as failed (REJECTED).');
    view.show(run);
    document.getElementById('approval-heading')?.focus();
  } catch (error) {
    showProblem(form, error);
    refresh(); // a 409 means someone decided already or the run moved on
  } finally {
    setBusy(form, false);
  }
}

/** A run changes while in flight, and its webhook (or chain hop) after it finished. */
function needsPolling(run) {
  return isActive(run.status) || (run.webhook && run.webhook.status === 'pending');
}

/** What survives a re-render: which details are open, which excerpts are shown in full, the forms. */
function newUiState() {
  const toggled = new Map();
  return {
    isOpen(key, byDefault) {
      return toggled.has(key) ? toggled.get(key) : byDefault;
    },
    setOpen(key, open) {
      toggled.set(key, open);
    },
    expanded: new Set(),
    // forms live across re-renders, so what a person types is not lost when the run refreshes
    approvalForm: null,
    approvalFormKey: null,
    abortForm: null,
    refs: {steps: new Map()},
  };
}

/**
 * Replaces the page, keeping the scroll position and the focus: every focusable thing the page
 * builds carries a data-key, and focus goes back to the new element with the same key. When
 * that element is gone (the abort form once the run ended, the approval buttons once decided),
 * focus goes to the heading with the run's status rather than falling to the document's top.
 */
function redraw(main, nodes) {
  const active = document.activeElement;
  const hadFocus = active !== main && main.contains(active);
  const focusKey = hadFocus ? active.getAttribute('data-key') : null;
  const scroll = window.scrollY;
  mount(main, ...nodes);
  if (hadFocus) {
    const again = focusKey ? main.querySelector(`[data-key="${CSS.escape(focusKey)}"]`) : null;
    (again || document.getElementById('run-heading'))?.focus({preventScroll: true});
  }
  window.scrollTo(0, scroll);
}

function runPage(run, ui, refs, actions, notice) {
  const timeline = makeTimeline(run);
  return [
    header(run, ui, actions),
    notice,
    summaryCard(run),
    run.error ? errorCard(run, ui, actions) : null,
    run.approval ? approvalCard(run, ui, actions) : null,
    run.webhook ? webhookCard(run.webhook) : null,
    treeSection(run, timeline, ui, refs),
    // after the tree: the output can be long, and the tree is what this page is for
    run.data != null ? outputCard(run, ui) : null,
  ];
}

function header(run, ui, actions) {
  const status = statusBadge(run.status);
  status.id = 'run-status';
  // focusable from script only, and read with the status: where focus goes when its control is gone
  return h('div', {class: 'page-header run-header'},
    h('h1', {id: 'run-heading', tabindex: '-1', 'data-key': 'run-heading', 'aria-describedby': 'run-status'},
      'Run ', h('span', {class: 'mono run-id'}, run.runId)),
    status,
    isActive(run.status) ? abortForm(ui, actions) : null);
}

function abortForm(ui, actions) {
  if (!ui.abortForm) {
    const form = h('form', {class: 'actions abort-form', novalidate: true},
      h('button', {type: 'submit', class: 'danger', 'data-key': 'abort'}, 'Abort run'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      actions.abort(form);
    });
    ui.abortForm = form;
  }
  return ui.abortForm;
}

function summaryCard(run) {
  const meta = run.metadata || {};
  const trigger = meta.trigger || {};
  const active = isActive(run.status);
  return h('section', {class: 'card', 'aria-labelledby': 'run-summary-heading'},
    h('h2', {id: 'run-summary-heading'}, 'Summary'),
    props([
      ['Tool', run.toolId && toolLink(run.toolId, 'summary-tool'),
        run.toolVersion != null ? ` (version ${run.toolVersion})` : null],
      ['Trigger', trigger.type],
      ['Requested by', trigger.userId],
      ['Chat id', trigger.chatId && h('a', {href: `/runs?chatId=${enc(trigger.chatId)}`,
        class: 'mono', 'data-key': 'summary-chat'}, trigger.chatId)],
      ['Tool call id', trigger.toolCallId && mono(trigger.toolCallId)],
      ['Started', timeOf(meta.startedAt)],
      ['Finished', meta.finishedAt ? timeOf(meta.finishedAt) : (active ? 'not yet' : null)],
      ['Duration', meta.durationMs != null ? fmtDuration(meta.durationMs) : (active ? 'running…' : null)],
      ['Deadline', active ? timeOf(meta.deadline) : null],
      ['Trace id', meta.traceId && mono(meta.traceId)],
      ['Parent run', run.parentRunId && runLink(run.parentRunId)],
      ['Child runs', run.childRunIds && run.childRunIds.length > 0
        ? h('ul', {class: 'inline-list'}, run.childRunIds.map((id) => h('li', {}, runLink(id))))
        : null],
    ]));
}

function errorCard(run, ui, actions) {
  const error = run.error;
  const where = error.stepId != null;
  return h('section', {class: 'card error-card', 'aria-labelledby': 'run-error-heading'},
    h('h2', {id: 'run-error-heading'}, 'Error'),
    props([
      ['Code', mono(error.code || 'ERROR')],
      ['Step', error.stepId && mono(error.stepId)],
      ['Item', error.itemIndex != null ? String(error.itemIndex) : null],
    ]),
    error.message ? excerpt(error.message, {key: 'run-error', expanded: ui.expanded}) : null,
    where && findItem(run, error.stepId, error.itemIndex)
      ? h('button', {type: 'button', class: 'link', 'data-key': 'reveal-error',
        'on:click': () => actions.revealItem(error.stepId, error.itemIndex ?? 0)},
      error.itemIndex != null ? `Show item ${error.itemIndex} of step ${error.stepId}` : `Show step ${error.stepId}`)
      : null);
}

function approvalCard(run, ui, actions) {
  const approval = run.approval;
  const decided = approval.approved === true || approval.approved === false;
  const message = approval.message;
  return h('section', {class: 'card approval-card', 'aria-labelledby': 'approval-heading'},
    h('h2', {id: 'approval-heading', tabindex: '-1', 'data-key': 'approval-heading'},
      decided ? 'Approval' : 'Waiting for approval'),
    h('p', {}, 'Step ', mono(approval.stepId), ' asks:'),
    typeof message === 'string'
      ? h('p', {class: 'approval-message'}, message)
      : excerpt(message, {key: 'approval-message', expanded: ui.expanded}),
    props([
      ['Asked', timeOf(approval.requestedAt)],
      [decided ? 'Answer was due by' : 'Answer by', timeOf(approval.timeoutAt)],
      ['Decision', decided ? decisionText(approval) : null],
    ]),
    !decided && run.status === 'awaiting_input' ? approvalForm(run, ui, actions) : null,
    decided && run.status === 'awaiting_input'
      ? h('p', {class: 'hint'}, 'Decided — the run resumes in a moment.')
      : null);
}

function decisionText(approval) {
  const verb = approval.approved ? 'Approved' : 'Rejected';
  return [verb, approval.decidedBy ? ` by ${approval.decidedBy}` : '',
    approval.decidedAt ? ` at ${fmtTime(approval.decidedAt)}` : ''].join('');
}

function approvalForm(run, ui, actions) {
  const key = `${run.approval.stepId}|${run.approval.requestedAt}`;
  if (ui.approvalForm && ui.approvalFormKey === key) {
    return ui.approvalForm;
  }
  const form = h('form', {class: 'stack approval-form', novalidate: true},
    h('div', {class: 'field'},
      h('label', {for: 'approval-input'}, 'Input (optional JSON)'),
      h('textarea', {id: 'approval-input', name: 'input', rows: '4', spellcheck: 'false', 'data-key': 'approval-input',
        'aria-describedby': 'approval-input-hint'}),
      h('p', {class: 'hint', id: 'approval-input-hint'},
        `Approved: the next steps get it as sourceData.${run.approval.stepId}. Rejected: kept as the step's data `
        + '(a reason, say). Leave empty for none.')),
    h('div', {class: 'actions'},
      // two plain buttons, not submit buttons: pressing Enter must never decide by default
      h('button', {type: 'button', class: 'primary', 'data-key': 'approve',
        'on:click': () => actions.decide(form, true)}, 'Approve'),
      h('button', {type: 'button', class: 'danger', 'data-key': 'reject',
        'on:click': () => actions.decide(form, false)}, 'Reject')));
  form.addEventListener('submit', (event) => event.preventDefault());
  ui.approvalForm = form;
  ui.approvalFormKey = key;
  return form;
}

function webhookCard(webhook) {
  const chained = typeof webhook.url === 'string' && webhook.url.startsWith('tool:');
  const attempts = webhook.attempts || [];
  return h('section', {class: 'card', 'aria-labelledby': 'webhook-heading'},
    h('h2', {id: 'webhook-heading'}, chained ? 'Chain' : 'Webhook'),
    props([
      [chained ? 'Next tool' : 'URL', chained ? toolLink(webhook.url.slice('tool:'.length), 'webhook-tool') : mono(webhook.url)],
      ['Status', statusBadge(webhook.status)],
      ['Reason', webhook.reason],
    ]),
    attempts.length === 0
      ? h('p', {class: 'hint'}, webhook.status === 'pending' ? 'No attempt yet — the first one is on its way.'
        : 'No attempt was made.')
      : h('div', {class: 'table-wrap'},
        h('table', {class: 'list'},
          h('caption', {class: 'visually-hidden'}, 'Delivery attempts'),
          h('thead', {}, h('tr', {}, ['#', 'At', 'HTTP status', 'Duration', 'Error'].map((label) =>
            h('th', {scope: 'col'}, label)))),
          h('tbody', {}, attempts.map((attempt, index) => h('tr', {},
            h('th', {scope: 'row'}, String(index + 1)),
            h('td', {}, timeOf(attempt.at)),
            h('td', {}, attempt.httpStatus != null ? String(attempt.httpStatus) : '—'),
            h('td', {}, fmtDuration(attempt.durationMs)),
            h('td', {}, attempt.error || '—')))))));
}

function outputCard(run, ui) {
  return h('section', {class: 'card', 'aria-labelledby': 'output-heading'},
    h('h2', {id: 'output-heading'}, 'Output'),
    excerpt(run.data, {key: 'output', expanded: ui.expanded}));
}

// ---- the execution tree -------------------------------------------------------------------

function treeSection(run, timeline, ui, refs) {
  const steps = run.stepResults || [];
  return h('section', {class: 'run-tree', 'aria-labelledby': 'tree-heading'},
    h('h2', {id: 'tree-heading'}, 'Execution tree'),
    h('p', {class: 'hint'}, timeline.note),
    h('ol', {class: 'tree'},
      h('li', {class: 'tree-run'},
        h('div', {class: 'node-line'},
          h('span', {class: 'node-name'}, 'Run'),
          statusBadge(run.status),
          h('span', {class: 'node-facts'}, `${steps.length} ${steps.length === 1 ? 'step' : 'steps'}`,
            run.metadata && run.metadata.durationMs != null ? ` · ${fmtDuration(run.metadata.durationMs)}` : ''),
          bar(timeline, timeline.start, timeline.end, 'bar-run')),
        steps.length === 0
          ? h('p', {class: 'hint'}, 'No step has started yet.')
          : h('ol', {class: 'steps'}, steps.map((step, position) =>
            stepNode(step, position, timeline, ui, refs))))));
}

function stepNode(step, position, timeline, ui, refs) {
  const key = `step:${step.stepId}`;
  const items = step.items || [];
  const span = stepSpan(items, timeline);
  const body = h('div', {class: 'step-body'});
  const details = h('details', {class: 'step', 'data-step': step.stepId},
    h('summary', {'data-key': key},
      h('span', {class: 'node-line'},
        h('span', {class: 'node-name mono'}, step.stepId),
        statusBadge(step.status),
        h('span', {class: 'node-facts'}, stepFacts(step, span)),
        span ? bar(timeline, span.from, span.to, 'bar-step') : null)),
    body);
  const groups = new Map();
  refs.steps.set(step.stepId, {details, position, groups});
  if (!step.looped) {
    mount(body, items.length === 0 ? h('p', {class: 'hint'}, step.status === 'awaiting_input'
      ? 'Waiting for a person to approve or reject (see above).' : 'Not called yet.')
      : h('ol', {class: 'items single'}, items.map((item) => itemNode(step, position, item, timeline, ui))));
  } else if (items.length === 0) {
    mount(body, h('p', {class: 'hint'}, step.total === 0
      ? 'The dataSelector chose no items: no call was made.' : 'No item dispatched yet.'));
  } else if (items.length <= GROUP_SIZE) {
    mount(body, itemList(step, position, items, timeline, ui));
  } else {
    mount(body, h('div', {class: 'groups'}, chunk(items, GROUP_SIZE).map((slice, index) =>
      itemGroup(step, position, slice, index * GROUP_SIZE, timeline, ui, groups))));
  }
  details.open = ui.isOpen(key, true);
  details.addEventListener('toggle', () => ui.setOpen(key, details.open));
  return h('li', {class: 'tree-step'}, details);
}

function stepFacts(step, span) {
  const parts = [];
  if (step.looped) {
    parts.push(`${step.total} ${step.total === 1 ? 'item' : 'items'}`);
    if (step.completed < step.total) {
      parts.push(`${step.completed} done`);
    }
    if (step.failed > 0) {
      parts.push(`${step.failed} failed`);
    }
  }
  if (span && span.done) {
    parts.push(fmtDuration(span.to - span.from));
  }
  return parts.join(' · ');
}

/**
 * One collapsed group of up to 100 items. Its items are built the first time it opens (or at
 * once when it was open before a refresh), so a large run costs a summary per group up front.
 */
function itemGroup(step, position, slice, start, timeline, ui, groups) {
  const key = `group:${step.stepId}:${start}`;
  const failed = slice.filter((item) => item.success === false).length;
  const pending = slice.filter((item) => item.success == null).length;
  const first = slice[0].itemIndex;
  const last = slice[slice.length - 1].itemIndex;
  const body = h('div', {class: 'group-body'});
  const details = h('details', {class: 'group'},
    h('summary', {'data-key': key},
      `Items ${first}–${last}`,
      h('span', {class: 'node-facts'}, groupFacts(failed, pending))),
    body);
  let built = false;
  const fill = () => {
    if (!built) {
      built = true;
      mount(body, itemList(step, position, slice, timeline, ui));
    }
  };
  details.addEventListener('toggle', () => {
    ui.setOpen(key, details.open);
    if (details.open) {
      fill();
    }
  });
  if (ui.isOpen(key, false)) {
    fill();
    details.open = true;
  }
  groups.set(start, {details, fill});
  return details;
}

function groupFacts(failed, pending) {
  const parts = [];
  if (failed > 0) {
    parts.push(`${failed} failed`);
  }
  if (pending > 0) {
    parts.push(`${pending} in flight`);
  }
  return ` · ${parts.length > 0 ? parts.join(' · ') : 'all succeeded'}`;
}

function itemList(step, position, items, timeline, ui) {
  return h('ol', {class: 'items'}, items.map((item) => itemNode(step, position, item, timeline, ui)));
}

function itemNode(step, position, item, timeline, ui) {
  const keyBase = `${step.stepId}:${item.itemIndex}`;
  const span = itemSpan(item, timeline);
  const status = item.success === true ? 'success' : item.success === false ? 'failed' : 'running';
  // focusable (revealItem moves focus here) and so keyed: a refresh gives the focus back
  return h('li', {class: `item item-${status}`, id: itemId(position, item.itemIndex), tabindex: '-1',
    'data-key': `item:${keyBase}`},
    h('div', {class: 'node-line'},
      step.looped ? h('span', {class: 'node-name'}, `Item ${item.itemIndex}`) : h('span', {class: 'node-name'}, 'Call'),
      statusBadge(status),
      h('span', {class: 'node-facts'}, itemFacts(item)),
      span ? bar(timeline, span.from, span.to, `status-${span.done ? status : 'running'}`) : null),
    // what went in beside what came out (side by side where there is room)
    h('div', {class: 'item-body'},
      step.looped && item.currentItem !== undefined
        ? labelled('Item', excerpt(item.currentItem, {max: CURRENT_ITEM_CHARS, key: `item:${keyBase}`,
          expanded: ui.expanded}))
        : null,
      item.request ? labelled('Request', requestView(item.request, keyBase, ui)) : null,
      item.error ? itemError(item.error, keyBase, ui) : null,
      item.data != null
        ? labelled(item.calls && item.calls.requests > 0 ? 'Response' : 'Data',
          excerpt(item.data, {key: `data:${keyBase}`, expanded: ui.expanded}))
        : null));
}

function itemFacts(item) {
  const parts = [];
  if (item.attempts) {
    parts.push(`${item.attempts} ${item.attempts === 1 ? 'attempt' : 'attempts'}`);
  }
  const calls = item.calls || {};
  if (calls.requests) {
    parts.push(`${calls.requests} ${calls.requests === 1 ? 'request' : 'requests'}`);
  }
  if (calls.pages > 1) {
    parts.push(`${calls.pages} pages`);
  }
  if (item.httpStatus != null) {
    parts.push(`HTTP ${item.httpStatus}`);
  }
  parts.push(item.durationMs != null ? fmtDuration(item.durationMs) : 'in flight');
  return parts.join(' · ');
}

function itemError(error, keyBase, ui) {
  return h('div', {class: 'item-error'},
    h('p', {},
      h('strong', {class: 'mono error-code'}, error.code || 'ERROR'),
      error.httpStatus != null ? h('span', {class: 'error-status'}, ` HTTP ${error.httpStatus}`) : null),
    error.message ? excerpt(error.message, {key: `error:${keyBase}`, expanded: ui.expanded}) : null);
}

/**
 * What the step sent, as the orchestrator rendered it: secret references stay `{{secret:…}}`
 * (resolved only by the executor), credential-looking values arrive as `***`.
 */
function requestView(request, keyBase, ui) {
  const target = request.url || [request.connector, request.path].filter(Boolean).join(' ');
  const line = [request.method || (request.kind || '').toUpperCase(), target,
    request.operation ? `(${request.operation})` : null].filter(Boolean).join(' ');
  const sent = {};
  for (const part of ['headers', 'query', 'body']) {
    const value = request[part];
    if (value != null && !(typeof value === 'object' && !Array.isArray(value) && !Object.keys(value).length)) {
      sent[part] = value;
    }
  }
  return h('div', {class: 'request'},
    h('p', {}, mono(line)),
    Object.keys(sent).length ? excerpt(sent, {key: `request:${keyBase}`, expanded: ui.expanded}) : null);
}

function labelled(label, node) {
  return h('div', {class: 'labelled'}, h('span', {class: 'label'}, label), node);
}

/** Opens the step and group that hold an item, builds it if need be, and moves focus to it. */
function revealItem(refs, stepId, itemIndex) {
  const step = refs.steps.get(stepId);
  if (!step) {
    return;
  }
  step.details.open = true;
  const group = step.groups.get(Math.floor(itemIndex / GROUP_SIZE) * GROUP_SIZE);
  if (group) {
    group.fill();
    group.details.open = true;
  }
  const target = document.getElementById(itemId(step.position, itemIndex)) || step.details;
  target.scrollIntoView({block: 'center'});
  target.focus({preventScroll: true});
}

function findItem(run, stepId, itemIndex) {
  const step = (run.stepResults || []).find((candidate) => candidate.stepId === stepId);
  return Boolean(step) && (itemIndex == null || (step.items || []).some((item) => item.itemIndex === itemIndex));
}

function itemId(position, itemIndex) {
  return `item-${position}-${itemIndex}`;
}

// ---- the waterfall ------------------------------------------------------------------------

/**
 * The run's time scale: from its start to its finish (or to now while it runs). Items carry
 * dispatchedAt and completedAt, so each bar starts where its call was dispatched and ends where
 * its result came back (the trip through Kafka included); the duration printed beside it is the
 * executor's call alone (durationMs). An item without timestamps is drawn from the run's start
 * with its duration only.
 */
function makeTimeline(run) {
  const meta = run.metadata || {};
  const start = Date.parse(meta.startedAt) || Date.now();
  const end = Date.parse(meta.finishedAt) || Date.now();
  return {
    start,
    end: Math.max(end, start + 1),
    span: Math.max(1, end - start),
    note: 'Bars place each call on the run\'s time scale, from when it was dispatched to when its result '
      + 'came back; the time printed is the call itself.',
  };
}

function itemSpan(item, timeline) {
  const dispatched = Date.parse(item.dispatchedAt);
  const completed = Date.parse(item.completedAt);
  if (!Number.isNaN(dispatched)) {
    if (!Number.isNaN(completed)) {
      return {from: dispatched, to: completed, done: true};
    }
    return item.durationMs != null
      ? {from: dispatched, to: dispatched + item.durationMs, done: true}
      : {from: dispatched, to: Math.max(Date.now(), dispatched), done: false};
  }
  if (item.durationMs != null) {
    return {from: timeline.start, to: timeline.start + item.durationMs, done: true};
  }
  return null;
}

function stepSpan(items, timeline) {
  let from = Infinity;
  let to = -Infinity;
  let done = items.length > 0;
  for (const item of items) {
    const span = itemSpan(item, timeline);
    if (span) {
      from = Math.min(from, span.from);
      to = Math.max(to, span.to);
      done = done && span.done;
    }
  }
  return from === Infinity ? null : {from, to, done};
}

/** A bar on the run's scale; decorative (aria-hidden): the same timing is printed as text. */
function bar(timeline, from, to, kind) {
  const clamp = (value) => Math.min(100, Math.max(0, value));
  const left = clamp(((from - timeline.start) / timeline.span) * 100);
  const width = Math.max(0.5, Math.min(100 - left, ((to - from) / timeline.span) * 100));
  const fill = h('span', {class: `bar ${kind}`});
  fill.style.left = `${left}%`;
  fill.style.width = `${width}%`;
  return h('span', {class: 'waterfall', 'aria-hidden': 'true'}, fill);
}

// ---- small pieces -------------------------------------------------------------------------

function timeOf(iso) {
  return iso ? h('time', {datetime: iso}, fmtTime(iso)) : null;
}

function mono(text) {
  return text == null ? null : h('span', {class: 'mono'}, String(text));
}

/** `key` tells apart the places a tool is linked from, so a refresh gives the focus back to the right one. */
function toolLink(toolId, key) {
  return h('a', {href: `/tools/${enc(toolId)}`, class: 'mono', 'data-key': key}, toolId);
}

function runLink(runId) {
  return h('a', {href: `/runs/${enc(runId)}`, class: 'mono', 'data-key': `run:${runId}`}, runId);
}

function chunk(items, size) {
  const chunks = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

const INVALID = Symbol('invalid');

/** The form's JSON field: undefined when empty, INVALID after marking it, else the parsed value. */
function readJsonField(form, name) {
  const control = form.elements[name];
  const text = control.value.trim();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    showProblem(form, formProblem({[name]: `is not valid JSON: ${error.message}`}));
    control.focus();
    return INVALID;
  }
}

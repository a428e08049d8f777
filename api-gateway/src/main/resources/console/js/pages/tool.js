// One tool: what it does (steps, templates, loops, pagination), a run form generated from its
// inputSchema with run options, and an editor for the definition (PUT with the version read).
import {api, ApiError} from '../api.js';
import {clearProblem, emptyState, fmtDuration, fmtTime, h, mount, showProblem, statusBadge, toast} from '../dom.js';
import {schemaForm} from '../schema-form.js';
import {editableDefinition, toolEditor} from '../tool-editor.js';
import {enc, field, formProblem, isActive, liveSummary, onSubmit, pretty, props} from '../ui.js';

function code(value) {
  return h('pre', {class: 'code'}, pretty(value));
}

function isEmpty(value) {
  return value === null || value === undefined || (typeof value === 'object' && !Object.keys(value).length);
}

/** What the step calls: a connector operation, a raw request on a connector, a URL, or a person (approval). */
function stepTarget(step) {
  if (step.type === 'approval') return 'Waits for a person to approve';
  if (step.operation) {
    const [ns, name] = String(step.connector || '').split('/');
    return h('span', {}, h('a', {href: `/connectors/${enc(ns || '')}/${enc(name || '')}`}, step.connector),
      ' → ', h('code', {}, step.operation));
  }
  if (step.connector) return h('span', {}, step.connector, ' ', h('span', {class: 'method'}, step.method || ''), ' ', h('code', {}, step.path || ''));
  if (step.url) return h('span', {}, h('span', {class: 'method'}, step.method || 'GET'), ' ', h('code', {}, step.url));
  return '—';
}

function stepCard(step, index) {
  const templates = [['Parameters', step.parameters], ['Query parameters', step.queryParams],
    ['Headers', step.headers], ['Body', step.body], ['Message', step.message]]
    .filter(([, value]) => !isEmpty(value));
  return h('li', {}, h('article', {class: 'card', 'aria-labelledby': `step-${index}-title`},
    h('h3', {id: `step-${index}-title`}, `${index + 1}. ${step.id}`),
    props([
      ['Calls', stepTarget(step)],
      ['Loops over', step.dataSelector ? h('code', {}, step.dataSelector) : null],
      ['On failure', step.failureBehavior || null],
      ['Timeout', step.timeoutMs ? fmtDuration(step.timeoutMs) : null],
      ['Instruction', step.instruction],
    ]),
    step.pagination ? [h('h4', {}, 'Pagination'), props(Object.entries(step.pagination)
      .map(([key, value]) => [key, key === 'stopCondition' ? h('code', {}, String(value)) : String(value)]))] : null,
    templates.map(([title, value]) => [h('h4', {}, title), code(value)])));
}

function runResult(run) {
  const link = h('a', {href: `/runs/${enc(run.runId)}`}, `Open run ${run.runId}`);
  const finished = !isActive(run.status);
  return h('div', {class: 'card run-result'},
    h('h3', {}, 'Result'),
    h('p', {class: 'result-meta'}, statusBadge(run.status),
      h('span', {}, `Duration ${fmtDuration(run.metadata?.durationMs)}`), link),
    finished ? null : h('p', {}, 'The run is still going; follow it on its page.'),
    run.error ? h('div', {class: 'form-error'}, h('p', {},
      run.error.code ? h('strong', {}, `${run.error.code}: `) : null, run.error.message || '',
      run.error.stepId ? ` (step ${run.error.stepId}${run.error.itemIndex != null ? `, item ${run.error.itemIndex}` : ''})` : '')) : null,
    run.data !== undefined && run.data !== null
      ? [h('h4', {}, 'Output'), h('pre', {class: 'code', tabindex: '0', 'aria-label': 'Run output'}, pretty(run.data))]
      : null);
}

/** Run options as the API takes them; empty fields are left out so the tool's defaults apply. */
function readOptions(async, webhook, timeout) {
  const options = {async: async.checked};
  if (webhook.value.trim()) options.webhookUrl = webhook.value.trim();
  // badInput: the field holds text it cannot read as a number, and says '' as if empty
  if (timeout.validity.badInput || timeout.value.trim()) {
    const ms = Number(timeout.value);
    if (timeout.validity.badInput || !Number.isInteger(ms)) {
      throw formProblem({'options.timeoutMs': 'must be a whole number of milliseconds'});
    }
    options.timeoutMs = ms;
  }
  return options;
}

function runForm(tool, ctx) {
  const inputs = schemaForm(tool.inputSchema || {}, {idPrefix: 'run-input', namePrefix: 'inputs.'});
  const async = h('input', {type: 'checkbox', id: 'run-async', name: 'options.async', 'aria-describedby': 'run-async-hint'});
  const webhook = h('input', {type: 'url', id: 'run-webhook', name: 'options.webhookUrl', autocomplete: 'off',
    placeholder: 'https://… or tool:<id>'});
  const timeout = h('input', {type: 'number', id: 'run-timeout', name: 'options.timeoutMs', min: '1', step: '1',
    inputmode: 'numeric'});
  const summary = liveSummary();
  const output = h('div', {});
  const form = h('form', {class: 'stack', novalidate: true, 'aria-labelledby': 'run-title'},
    h('fieldset', {}, h('legend', {}, 'Inputs'), inputs.element),
    h('fieldset', {class: 'stack'}, h('legend', {}, 'Options'),
      h('div', {class: 'field checkbox'}, async, h('label', {for: 'run-async'}, 'Run in the background'),
        h('p', {class: 'hint', id: 'run-async-hint'}, 'Opens the run page at once instead of waiting for the result.')),
      field('Webhook URL', webhook, 'Optional: gets the result when the run finishes.'),
      field('Timeout (ms)', timeout, 'Optional; the default is 5 minutes.')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Run')));
  onSubmit(form, async () => {
    const body = {inputs: inputs.read(), options: readOptions(async, webhook, timeout)};
    mount(output, h('p', {class: 'loading'}, body.options.async ? 'Starting…' : 'Running…'));
    summary.say('');
    const run = await api(`/api/v1/tools/${enc(tool.id)}/run`, {method: 'POST', body});
    if (body.options.async) {
      await ctx.navigate(`/runs/${enc(run.runId)}`);
      return;
    }
    mount(output, runResult(run));
    summary.say(isActive(run.status) ? 'The run is still going.' : `The run ended: ${run.status}.`);
  }, {refused: () => mount(output)});
  return h('section', {class: 'card', 'aria-labelledby': 'run-title'}, h('h2', {id: 'run-title'}, 'Run this tool'),
    form, summary.element, output);
}

function editSection(tool, ctx) {
  const editor = toolEditor({id: tool.id, definition: editableDefinition(tool), submitLabel: 'Save changes',
    idPrefix: 'edit-tool',
    onSave: async (body) => {
      await api(`/api/v1/tools/${enc(tool.id)}`, {method: 'PUT', body: {...body, version: tool.version}});
      toast(`Saved ${tool.id}.`);
      await ctx.navigate(`/tools/${enc(tool.id)}`, {replace: true});
    }});
  return h('details', {class: 'card'}, h('summary', {}, 'Edit the definition'), editor);
}

function deleteButton(tool, ctx, status) {
  return h('button', {type: 'button', class: 'danger', 'on:click': async () => {
    if (!window.confirm(`Delete tool ${tool.id}? Its runs stay.`)) return;
    clearProblem(status);
    try {
      await api(`/api/v1/tools/${enc(tool.id)}`, {method: 'DELETE', query: {version: tool.version}});
      toast(`Deleted ${tool.id}.`);
      await ctx.navigate('/tools');
    } catch (error) {
      showProblem(status, error);
    }
  }}, 'Delete tool');
}

export default async function render(main, ctx) {
  const [id] = ctx.params;
  let tool;
  try {
    tool = await api(`/api/v1/tools/${enc(id)}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    mount(main, h('h1', {}, 'Tool not found'),
      emptyState(`There is no tool ${id}.`, h('a', {href: '/tools'}, 'Back to tools')));
    return;
  }
  document.title = `${tool.id} · Tools · Switchboard`;
  const status = h('div', {});
  const steps = tool.steps || [];
  mount(main,
    h('p', {}, h('a', {href: '/tools'}, '← Tools')),
    h('div', {class: 'page-header'}, h('h1', {}, tool.id),
      h('div', {class: 'actions'}, h('a', {class: 'button', href: `/runs?toolId=${enc(tool.id)}`}, 'Runs of this tool'),
        deleteButton(tool, ctx, status))),
    status,
    tool.description ? h('p', {class: 'lead'}, tool.description) : null,
    props([['Instruction', tool.instruction], ['Concurrency', tool.concurrency ? String(tool.concurrency) : null],
      ['Version', String(tool.version)], ['Created by', tool.createdBy], ['Updated', fmtTime(tool.updatedAt)]]),
    runForm(tool, ctx),
    h('h2', {}, `Steps (${steps.length})`),
    steps.length ? h('ol', {class: 'operations'}, steps.map(stepCard)) : emptyState('This tool has no steps.'),
    h('h2', {}, 'Input schema'), tool.inputSchema ? code(tool.inputSchema) : h('p', {class: 'muted'}, 'None: the tool takes no inputs.'),
    tool.outputTransform ? [h('h2', {}, 'Output transform'), code(tool.outputTransform)] : null,
    tool.outputSchema ? [h('h2', {}, 'Output schema'), code(tool.outputSchema)] : null,
    tool.defaultOptions && !isEmpty(tool.defaultOptions) ? [h('h2', {}, 'Default run options'), code(tool.defaultOptions)] : null,
    editSection(tool, ctx));
}

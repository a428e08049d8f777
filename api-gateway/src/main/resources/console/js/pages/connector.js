// One connector: its settings (auth shows the secret's name only), its operations with their
// parameters, a test form per operation generated from the parameters' JSON Schema, and delete.
import {api, ApiError} from '../api.js';
import {clearProblem, emptyState, fmtDuration, fmtTime, h, mount, showProblem, toast} from '../dom.js';
import {schemaForm} from '../schema-form.js';
import {enc, liveSummary, onSubmit, pretty, props} from '../ui.js';

function typeLabel(schema) {
  if (!schema || typeof schema !== 'object') return '—';
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type || (schema.enum ? 'enum' : 'any');
  return schema.enum ? `${type} (${schema.enum.map(String).join(', ')})` : type;
}

/** Auth as the registry stores it; `secret` is a secret's name, never a value. */
function authText(auth) {
  if (!auth || !auth.type || auth.type === 'none') return 'none';
  const parts = [auth.type];
  if (auth.secret) parts.push(`secret “${auth.secret}”`);
  if (auth.header) parts.push(`header ${auth.header}`);
  if (auth.position === 'query' && auth.paramName) parts.push(`query parameter ${auth.paramName}`);
  if (auth.tokenUrl) parts.push(`token URL ${auth.tokenUrl}`);
  if (auth.scopes?.length) parts.push(`scopes ${auth.scopes.join(' ')}`);
  return parts.join(' · ');
}

function settings(c) {
  const headerNames = Object.keys(c.headers || {});
  return h('section', {class: 'card', 'aria-labelledby': 'connector-settings'},
    h('h2', {id: 'connector-settings'}, 'Settings'),
    props([
      ['Type', c.type],
      ['Base URL', c.baseUrl ? h('code', {}, c.baseUrl) : null],
      ['Description', c.description],
      ['Auth', authText(c.auth)],
      ['Headers', headerNames.length ? headerNames.join(', ') : null],
      ['Timeout', c.timeoutMs ? fmtDuration(c.timeoutMs) : null],
      ['Retry', c.retry ? `${c.retry.maxAttempts ?? '—'} attempts, back-off ${fmtDuration(c.retry.backoffMs ?? 0)}` : null],
      ['Rate limit', c.rateLimit?.perSecond ? `${c.rateLimit.perSecond}/s` : null],
      ['Version', String(c.version)],
      ['Created by', c.createdBy],
      ['Updated', fmtTime(c.updatedAt)],
    ]));
}

function parameterTable(parameters) {
  const entries = Object.entries(parameters?.properties || {});
  if (!entries.length) return h('p', {class: 'muted'}, 'No parameters.');
  const required = new Set(parameters.required || []);
  return h('div', {class: 'table-wrap'}, h('table', {class: 'list'},
    h('thead', {}, h('tr', {}, ['Name', 'In', 'Type', 'Required', 'Description'].map((t) => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, entries.map(([name, schema]) => h('tr', {},
      h('th', {scope: 'row'}, h('code', {}, name)),
      h('td', {}, schema?.in || '—'),
      h('td', {}, typeLabel(schema)),
      h('td', {}, required.has(name) ? 'yes' : 'no'),
      h('td', {}, schema?.description || ''))))));
}

function headerTable(headers) {
  const entries = Object.entries(headers || {});
  if (!entries.length) return h('p', {class: 'muted'}, 'No headers.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'list'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Header'), h('th', {scope: 'col'}, 'Value'))),
    h('tbody', {}, entries.map(([name, value]) => h('tr', {},
      h('th', {scope: 'row'}, name), h('td', {}, Array.isArray(value) ? value.join(', ') : String(value)))))));
}

function statusText(result) {
  return result.status === null || result.status === undefined ? 'no response' : `HTTP ${result.status}`;
}

function testResult(result) {
  const ok = result.success && result.status !== null && result.status < 400;
  return h('div', {class: 'card test-result'},
    h('h4', {}, 'Response'),
    h('p', {class: 'result-meta'},
      h('span', {class: `badge status-${ok ? 'success' : 'failed'}`}, statusText(result)),
      h('span', {}, `Duration ${fmtDuration(result.durationMs)}`),
      h('span', {}, `Attempts ${result.attempts ?? 0}`),
      result.runId ? h('a', {href: `/runs/${enc(result.runId)}`}, 'Open the run') : null),
    result.error ? h('div', {class: 'form-error'},
      h('p', {}, result.error.code ? h('strong', {}, `${result.error.code}: `) : null, result.error.message || '')) : null,
    h('h5', {}, 'Headers'), headerTable(result.headers),
    h('h5', {}, 'Body'), h('pre', {class: 'code', tabindex: '0', 'aria-label': 'Response body'}, pretty(result.body)));
}

/** The test form of one operation, built when its <details> is first opened. */
function testForm(connector, op) {
  const ref = `${enc(connector.namespace)}/${enc(connector.name)}`;
  const generated = schemaForm(op.parameters || {}, {idPrefix: `test-${op.name}`, namePrefix: 'parameters.'});
  const summary = liveSummary();
  const output = h('div', {});
  const form = h('form', {class: 'stack', novalidate: true, 'aria-label': `Test ${op.name}`},
    generated.element, h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Send test request')));
  onSubmit(form, async () => {
    const parameters = generated.read();
    mount(output, h('p', {class: 'loading'}, 'Calling…'));
    summary.say('');
    const result = await api(`/api/v1/connectors/${ref}/test/${enc(op.name)}`, {method: 'POST', body: {parameters}});
    mount(output, testResult(result));
    summary.say(`Response: ${statusText(result)} in ${fmtDuration(result.durationMs)}.`);
  }, {refused: () => mount(output)});
  return h('div', {}, form, summary.element, output);
}

function operationCard(connector, op) {
  const details = h('details', {class: 'test'}, h('summary', {}, `Test ${op.name}`));
  details.addEventListener('toggle', () => {
    if (details.open && details.children.length === 1) details.append(testForm(connector, op));
  });
  const toolLink = `/tools?new=1&connector=${enc(`${connector.namespace}/${connector.name}`)}&operation=${enc(op.name)}`;
  return h('li', {}, h('article', {class: 'card', id: `op-${op.name}`, 'aria-labelledby': `op-${op.name}-title`},
    h('h3', {id: `op-${op.name}-title`}, op.name),
    h('p', {}, h('span', {class: 'method'}, op.method || ''), ' ', h('code', {}, op.path || '')),
    op.description ? h('p', {class: 'muted'}, op.description) : null,
    h('h4', {}, 'Parameters'),
    parameterTable(op.parameters),
    op.requestBody ? [h('h4', {}, 'Request body template'), h('pre', {class: 'code'}, pretty(op.requestBody))] : null,
    op.responseSchema ? h('details', {}, h('summary', {}, 'Response schema'), h('pre', {class: 'code'}, pretty(op.responseSchema))) : null,
    details,
    h('p', {}, h('a', {href: toolLink}, 'Create a tool from this operation'))));
}

function deleteControl(connector, ctx, status) {
  const button = h('button', {type: 'button', class: 'danger'}, 'Delete connector');
  button.addEventListener('click', async () => {
    const ref = `${connector.namespace}/${connector.name}`;
    if (!window.confirm(`Delete connector ${ref}? Tools that use it must be changed first.`)) return;
    clearProblem(status);
    try {
      await api(`/api/v1/connectors/${enc(connector.namespace)}/${enc(connector.name)}`,
        {method: 'DELETE', query: {version: connector.version}});
      toast(`Deleted ${ref}.`);
      await ctx.navigate('/connectors');
    } catch (error) {
      showProblem(status, error);
    }
  });
  return button;
}

export default async function render(main, ctx) {
  const [namespace, name] = ctx.params;
  let connector;
  try {
    connector = await api(`/api/v1/connectors/${enc(namespace)}/${enc(name)}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    mount(main, h('h1', {}, 'Connector not found'),
      emptyState(`There is no connector ${namespace}/${name}.`, h('a', {href: '/connectors'}, 'Back to connectors')));
    return;
  }
  document.title = `${namespace}/${name} · Connectors · Switchboard`;
  const status = h('div', {});
  const operations = connector.operations || [];
  mount(main,
    h('p', {}, h('a', {href: '/connectors'}, '← Connectors')),
    h('div', {class: 'page-header'}, h('h1', {}, `${namespace}/${name}`),
      h('div', {class: 'actions'}, deleteControl(connector, ctx, status))),
    status,
    settings(connector),
    h('h2', {}, `Operations (${operations.length})`),
    operations.length
      ? h('ul', {class: 'operations'}, operations.map((op) => operationCard(connector, op)))
      : emptyState('This connector has no operations yet. Add them with PUT or import an OpenAPI spec.'));
}

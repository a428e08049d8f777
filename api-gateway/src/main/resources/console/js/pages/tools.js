// Tools: the list and a "New tool" form (an id plus the definition as JSON). Server errors such as
// steps[0].connector land on the JSON box, listed with their paths; the text stays as typed.
import {api, ApiError} from '../api.js';
import {clearProblem, emptyState, fmtTime, h, mount, showProblem, toast} from '../dom.js';

const PAGE_SIZE = 20;
const enc = encodeURIComponent;

// Server-side fields that live inside the JSON box; "*" catches any other one (an unknown field).
const DEFINITION_FIELDS = 'description instruction inputSchema outputSchema steps outputTransform concurrency'
  + ' defaultOptions body *';
// What a stored tool carries besides its definition; a PUT must not send them back.
const STORED_ONLY = ['id', 'version', 'createdBy', 'createdAt', 'updatedAt'];

const SKELETON = {
  description: 'What this tool does',
  inputSchema: {type: 'object', properties: {id: {type: 'string', description: 'What to look up'}}, required: ['id']},
  steps: [{id: 'fetch', connector: 'namespace/name', operation: 'operation_name', parameters: {id: '<<id>>'}}],
  outputTransform: '(sourceData) => sourceData.fetch.data',
};

/** A starting point built from one connector operation: its required parameters become the inputs. */
export function skeletonFor(connectorRef, op) {
  const params = op?.parameters?.properties || {};
  const required = (op?.parameters?.required || []).filter((name) => params[name]);
  const properties = Object.fromEntries(required.map((name) => {
    const {in: _where, ...schema} = params[name];
    return [name, schema];
  }));
  const stepId = 'call';
  return {
    description: op?.description || `Calls ${connectorRef} ${op?.name}`,
    inputSchema: {type: 'object', properties, required},
    steps: [{id: stepId, connector: connectorRef, operation: op?.name,
      parameters: Object.fromEntries(required.map((name) => [name, `<<${name}>>`]))}],
    outputTransform: `(sourceData) => sourceData.${stepId}.data`,
  };
}

/** The definition without what the server adds, for editing. */
export function editableDefinition(tool) {
  const copy = {...tool};
  STORED_ONLY.forEach((key) => delete copy[key]);
  return copy;
}

function readDefinition(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, {detail: 'The definition is not valid JSON.',
      errors: [{field: 'definition', message: `is not valid JSON: ${error.message}`}]});
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, {detail: 'The definition must be a JSON object.',
      errors: [{field: 'definition', message: 'must be a JSON object such as {"steps": [...]}'}]});
  }
  return value;
}

/**
 * An editor form for a tool. `id` fixed (edit) or typed (create); `onSave(body)` sends it and may throw.
 * Returns the form element.
 */
export function toolEditor({id = '', definition, submitLabel, onSave, idPrefix = 'tool-editor'}) {
  const idInput = h('input', {type: 'text', id: `${idPrefix}-id`, name: 'id', value: id, autocomplete: 'off',
    required: true, readonly: Boolean(id), 'aria-describedby': `${idPrefix}-id-hint`});
  const area = h('textarea', {id: `${idPrefix}-definition`, name: 'definition', 'data-field': DEFINITION_FIELDS,
    rows: 18, spellcheck: 'false', value: JSON.stringify(definition, null, 2),
    'aria-describedby': `${idPrefix}-definition-hint`});
  const submit = h('button', {type: 'submit', class: 'primary'}, submitLabel);
  const form = h('form', {class: 'stack', novalidate: true},
    h('div', {class: 'field'}, h('label', {for: idInput.id}, 'Tool id'), idInput,
      h('p', {class: 'hint', id: `${idPrefix}-id-hint`}, id ? 'The id cannot change; create a new tool to rename.'
        : '1–64 letters, digits, _ or -, starting with a letter or digit.')),
    h('div', {class: 'field'}, h('label', {for: area.id}, 'Definition (JSON)'), area,
      h('p', {class: 'hint', id: `${idPrefix}-definition-hint`},
        'Steps name a connector as namespace/name and one of its operations; ',
        h('code', {}, '<<input>>'), ' templates take values from the inputs and earlier steps.')),
    h('div', {class: 'actions'}, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    submit.disabled = true;
    try {
      const body = {...readDefinition(area.value), id: idInput.value.trim()};
      await onSave(body);
    } catch (error) {
      showProblem(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function toolTable(items) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'list'},
    h('caption', {class: 'visually-hidden'}, 'Tools'),
    h('thead', {}, h('tr', {}, ['Tool', 'Description', 'Steps', 'Version', 'Updated']
      .map((title) => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, items.map((tool) => h('tr', {},
      h('th', {scope: 'row'}, h('a', {href: `/tools/${enc(tool.id)}`}, tool.id)),
      h('td', {}, tool.description || ''),
      h('td', {class: 'num'}, String((tool.steps || []).length)),
      h('td', {class: 'num'}, String(tool.version ?? '')),
      h('td', {}, fmtTime(tool.updatedAt)))))));
}

/** The starting definition: from ?connector=&operation= (the connector page's link), else the skeleton. */
async function initialDefinition(query) {
  const ref = query.get('connector');
  const opName = query.get('operation');
  if (!ref || !opName || !/^[a-z0-9_-]+\/[a-z0-9_-]+$/.test(ref)) return SKELETON;
  try {
    const connector = await api(`/api/v1/connectors/${ref.split('/').map(enc).join('/')}`);
    const op = (connector.operations || []).find((candidate) => candidate.name === opName);
    return op ? skeletonFor(ref, op) : SKELETON;
  } catch {
    return SKELETON;
  }
}

export default async function render(main, ctx) {
  const results = h('div', {'aria-live': 'polite'});
  const panel = h('section', {id: 'new-tool', class: 'card', hidden: true, 'aria-labelledby': 'new-tool-title'},
    h('h2', {id: 'new-tool-title'}, 'New tool'));
  const toggle = h('button', {type: 'button', class: 'primary', 'aria-expanded': 'false', 'aria-controls': 'new-tool'},
    'New tool');
  const open = () => {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    panel.querySelector('input[name="id"]')?.focus();
  };
  toggle.addEventListener('click', () => {
    if (panel.hidden) open();
    else {
      panel.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
    }
  });
  panel.append(toolEditor({definition: await initialDefinition(ctx.query), submitLabel: 'Create tool',
    idPrefix: 'new-tool',
    onSave: async (body) => {
      const saved = await api('/api/v1/tools', {method: 'POST', body});
      toast(`Created tool ${saved.id}.`);
      await ctx.navigate(`/tools/${enc(saved.id)}`);
    }}));

  let page = Math.max(1, Number(ctx.query.get('page')) || 1);
  async function load(target) {
    try {
      const result = await api('/api/v1/tools', {query: {page: target, limit: PAGE_SIZE}});
      page = target;
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      mount(results,
        result.total ? toolTable(result.data) : emptyState('No tools yet — create one over a connector’s operations.',
          h('button', {type: 'button', class: 'primary', 'on:click': open}, 'New tool')),
        result.total > PAGE_SIZE ? h('nav', {class: 'pager', 'aria-label': 'Pages'},
          h('button', {type: 'button', disabled: page <= 1, 'on:click': () => load(page - 1)}, 'Previous'),
          h('span', {}, `Page ${page} of ${pages} · ${result.total} tools`),
          h('button', {type: 'button', disabled: !result.hasMore, 'on:click': () => load(page + 1)}, 'Next')) : null);
    } catch (error) {
      mount(results, h('div', {class: 'form-error', role: 'alert'}, h('p', {}, error.message)));
    }
  }

  mount(main,
    h('div', {class: 'page-header'}, h('h1', {}, 'Tools'), h('div', {class: 'actions'}, toggle)),
    panel,
    results);
  await load(page);
  if (ctx.query.get('new') === '1') open();
}

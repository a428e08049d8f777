// Tools: the list (paged, the page kept in the address) and a "New tool" form (tool-editor.js).
import {api} from '../api.js';
import {emptyState, fmtTime, h, mount, toast} from '../dom.js';
import {toolEditor} from '../tool-editor.js';
import {disclosure, enc, failure, liveSummary, pageOf, pager} from '../ui.js';

const PAGE_SIZE = 20;

const SKELETON = {
  description: 'What this tool does',
  inputSchema: {type: 'object', properties: {id: {type: 'string', description: 'What to look up'}}, required: ['id']},
  steps: [{id: 'fetch', connector: 'namespace/name', operation: 'operation_name', parameters: {id: '<<id>>'}}],
  outputTransform: '(sourceData) => sourceData.fetch.data',
};

/** A starting point built from one connector operation: its required parameters become the inputs. */
function skeletonFor(connectorRef, op) {
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

/** The list of one page, or what to do when there is nothing to list. */
function toolList(list, openEditor) {
  if (!list.total) {
    return emptyState('No tools yet — create one over a connector’s operations.',
      h('button', {type: 'button', class: 'primary', 'on:click': () => openEditor()}, 'New tool'));
  }
  if (!list.data.length) {
    return emptyState(`This page is past the last one (${list.total} tools in all).`, h('a', {href: '/tools'}, 'Go to the first page'));
  }
  return [toolTable(list.data), pager(list, (page) => (page > 1 ? `/tools?page=${page}` : '/tools'), 'tools')];
}

export default async function render(main, ctx) {
  const panel = h('section', {id: 'new-tool', class: 'card', hidden: true, 'aria-labelledby': 'new-tool-title'},
    h('h2', {id: 'new-tool-title'}, 'New tool'));
  const editor = disclosure('New tool', panel, () => panel.querySelector('input[name="id"]')?.focus());
  panel.append(toolEditor({definition: await initialDefinition(ctx.query), submitLabel: 'Create tool',
    idPrefix: 'new-tool',
    onSave: async (body) => {
      const saved = await api('/api/v1/tools', {method: 'POST', body});
      toast(`Created tool ${saved.id}.`);
      await ctx.navigate(`/tools/${enc(saved.id)}`);
    }}));

  const summary = liveSummary();
  const results = h('div', {});
  mount(main,
    h('div', {class: 'page-header'}, h('h1', {}, 'Tools'), h('div', {class: 'actions'}, editor.button)),
    panel,
    summary.element,
    results);
  const page = pageOf(ctx.query);
  try {
    const list = await api('/api/v1/tools', {query: {page, limit: PAGE_SIZE}});
    mount(results, toolList(list, editor.open));
    summary.say(`${list.total} ${list.total === 1 ? 'tool' : 'tools'}, page ${page}.`);
  } catch (error) {
    mount(results, failure('Could not load the tools', error));
  }
  if (ctx.query.get('new') === '1') editor.open();
}

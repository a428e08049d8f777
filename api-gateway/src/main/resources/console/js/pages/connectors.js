// Connectors: the list (search and namespace filter, both on the server) and the OpenAPI import:
// preview what a spec yields, pick operations and auth, then save in one request.
import {api} from '../api.js';
import {clearProblem, emptyState, fmtTime, h, mount, showProblem, toast} from '../dom.js';
import {disclosure, enc, field, formProblem, liveSummary, onSubmit, pageOf, pager} from '../ui.js';

const PAGE_SIZE = 20;
const MAX_SPEC_BYTES = 5 * 1024 * 1024; // the registry refuses bodies over 5 MB
const AUTH_TYPES = ['none', 'bearer', 'basic', 'api_key', 'forward_token'];

function connectorRow(c) {
  const ref = `${c.namespace}/${c.name}`;
  return h('tr', {},
    h('th', {scope: 'row'}, h('a', {href: `/connectors/${enc(c.namespace)}/${enc(c.name)}`}, ref)),
    h('td', {}, c.type || '—'),
    h('td', {}, c.baseUrl ? h('code', {}, c.baseUrl) : '—'),
    h('td', {class: 'num'}, String((c.operations || []).length)),
    h('td', {}, c.description || ''),
    h('td', {}, fmtTime(c.updatedAt)));
}

function connectorTable(items) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'list'},
    h('caption', {class: 'visually-hidden'}, 'Connectors'),
    h('thead', {}, h('tr', {}, ['Connector', 'Type', 'Base URL', 'Operations', 'Description', 'Updated']
      .map((title) => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, items.map(connectorRow))));
}

/** The list's address: namespace, page and search, so reload, Back and a new tab keep them. */
function listHref({namespace, search}, page) {
  const query = new URLSearchParams();
  if (namespace) query.set('namespace', namespace);
  if (page > 1) query.set('page', String(page));
  if (search) query.set('q', search);
  const qs = query.toString();
  return `/connectors${qs ? `?${qs}` : ''}`;
}

/** The list part: toolbar, table, pager. */
function listSection(ctx, openImport) {
  const state = {namespace: ctx.query.get('namespace') || '', page: pageOf(ctx.query),
    search: ctx.query.get('q') || '', result: null};
  let left = false;
  ctx.onLeave(() => {
    left = true;
  });
  const search = h('input', {type: 'search', id: 'connector-search', name: 'q', value: state.search, autocomplete: 'off'});
  const namespace = h('input', {type: 'text', id: 'connector-namespace', name: 'namespace', value: state.namespace,
    autocomplete: 'off'});
  const toolbar = h('form', {class: 'toolbar', role: 'search', 'aria-label': 'Filter connectors', novalidate: true},
    field('Search', search, 'Part of a name or a description, in any case'),
    field('Namespace', namespace, 'Only this namespace'),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Search')));
  const summary = liveSummary();
  const results = h('div', {});

  function draw() {
    const list = state.result;
    const importButton = h('button', {type: 'button', class: 'primary', 'on:click': () => openImport(state.namespace)},
      'Import from OpenAPI');
    if (!list.total && state.search) {
      mount(results, emptyState(`No connector matches “${state.search}”${state.namespace
        ? ` in namespace “${state.namespace}”` : ''} — try fewer letters, or clear the search.`, importButton));
    } else if (!list.total && !state.namespace) {
      mount(results, emptyState('No connectors yet — import one from an OpenAPI spec.', importButton));
    } else if (!list.total) {
      mount(results, emptyState(`No connectors in namespace “${state.namespace}” yet — import one from an OpenAPI spec,`
        + ' or clear the namespace to see all.', importButton));
    } else {
      mount(results, connectorTable(list.data),
        pager(list, (page) => listHref(state, page), list.total === 1 ? 'connector' : 'connectors'));
    }
    const count = `${list.total} ${list.total === 1 ? 'connector' : 'connectors'}`;
    summary.say(state.search ? `${count} match “${state.search}”, page ${list.page}.` : `${count}, page ${list.page}.`);
  }

  async function load(page = state.page) {
    clearProblem(toolbar);
    let result;
    try {
      result = await api('/api/v1/connectors',
        {query: {namespace: state.namespace, q: state.search, page, limit: PAGE_SIZE}});
    } catch (error) {
      if (!left) showProblem(toolbar, error);
      return;
    }
    // gone to another page meanwhile: writing this list's address would overwrite that page's
    if (left) return;
    state.result = result;
    state.page = page;
    history.replaceState(null, '', listHref(state, page));
    draw();
  }

  toolbar.addEventListener('submit', (event) => {
    event.preventDefault();
    state.namespace = namespace.value.trim();
    state.search = search.value.trim();
    load(1);
  });

  return {element: h('section', {'aria-labelledby': 'connectors-list-title'},
    h('h2', {id: 'connectors-list-title', class: 'visually-hidden'}, 'All connectors'), toolbar, summary.element, results), load};
}

/** Ops the person ticked, in the order the spec listed them. */
function pickedOperations(form, operations) {
  const picked = new Set([...form.querySelectorAll('input[name="operations"]:checked')].map((box) => box.value));
  return operations.filter((op) => picked.has(op.name));
}

function operationPicker(operations) {
  if (!operations.length) return h('p', {}, 'The spec has no operations this importer can use.');
  const boxes = operations.map((op, index) => h('input', {type: 'checkbox', id: `import-op-${index}`,
    name: 'operations', value: op.name, checked: true}));
  const setAll = (checked) => boxes.forEach((box) => { box.checked = checked; });
  return h('fieldset', {},
    h('legend', {}, `Operations to import (${operations.length})`),
    h('div', {class: 'actions'},
      h('button', {type: 'button', 'on:click': () => setAll(true)}, 'Select all'),
      h('button', {type: 'button', 'on:click': () => setAll(false)}, 'Select none')),
    h('ul', {class: 'op-list'}, operations.map((op, index) => h('li', {}, boxes[index],
      h('label', {for: `import-op-${index}`},
        h('span', {class: 'method'}, op.method), ' ', h('code', {}, op.path), ' — ', h('strong', {}, op.name),
        op.description ? h('span', {class: 'muted'}, ` · ${op.description}`) : null)))));
}

function warningList(warnings) {
  if (!warnings?.length) return null;
  return h('div', {class: 'card'}, h('h3', {}, `Warnings (${warnings.length})`),
    h('ul', {}, warnings.map((warning) => h('li', {}, warning))));
}

/**
 * Where the spec comes from: pasted (or a file read into the paste box) or a URL the registry
 * fetches. `key()` names the current source, so a preview can tell whether it is still current.
 * `report(error)` shows a problem with the file on the form.
 */
function sourcePicker(report) {
  const spec = h('textarea', {id: 'import-spec', name: 'spec', rows: 10, spellcheck: 'false'});
  const file = h('input', {type: 'file', id: 'import-file', name: 'file',
    accept: '.json,.yaml,.yml,application/json,application/yaml,text/yaml'});
  const url = h('input', {type: 'url', id: 'import-url', name: 'url', 'data-field': 'spec', autocomplete: 'off',
    placeholder: 'https://example.com/openapi.json'});
  const paste = h('input', {type: 'radio', name: 'source', id: 'import-source-paste', value: 'spec', checked: true});
  const byUrl = h('input', {type: 'radio', name: 'source', id: 'import-source-url', value: 'url'});
  const pasteBox = h('div', {class: 'stack'},
    field('Spec (OpenAPI 3 or Swagger 2, JSON or YAML)', spec, 'Paste it here, or load a file below.'),
    field('Load a file', file, 'The file is read in the browser into the box above.'));
  const urlBox = h('div', {hidden: true}, field('Spec URL', url, 'The registry fetches it (http or https).'));
  for (const radio of [paste, byUrl]) {
    radio.addEventListener('change', () => {
      pasteBox.hidden = byUrl.checked;
      urlBox.hidden = !byUrl.checked;
    });
  }
  file.addEventListener('change', () => {
    const chosen = file.files[0];
    if (!chosen) return;
    if (chosen.size > MAX_SPEC_BYTES) {
      report(formProblem({file: 'must be at most 5 MB'}, 'That file is too large.'));
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      spec.value = String(reader.result);
      toast(`Loaded ${chosen.name} into the spec box.`);
    });
    reader.addEventListener('error', () => report(formProblem({file: String(reader.error?.message || 'could not be read')},
      'Could not read the file.')));
    reader.readAsText(chosen);
  });
  const element = h('fieldset', {class: 'stack'}, h('legend', {}, 'Where the spec comes from'),
    h('div', {class: 'field checkbox'}, paste, h('label', {for: 'import-source-paste'}, 'Paste or upload')),
    h('div', {class: 'field checkbox'}, byUrl, h('label', {for: 'import-source-url'}, 'From a URL')),
    pasteBox, urlBox);
  return {
    element,
    key: () => (byUrl.checked ? `url:${url.value.trim()}` : `spec:${spec.value}`),
    body: () => (byUrl.checked ? {url: url.value.trim()} : {spec: spec.value}),
  };
}

/**
 * The connector's own fields. The spec's suggestions (base URL, auth) fill them after a preview,
 * never over what the person typed.
 */
function connectorFields() {
  const inputs = {
    namespace: h('input', {type: 'text', id: 'import-namespace', name: 'namespace', autocomplete: 'off', required: true}),
    name: h('input', {type: 'text', id: 'import-name', name: 'name', autocomplete: 'off', required: true}),
    description: h('input', {type: 'text', id: 'import-description', name: 'description', autocomplete: 'off'}),
    baseUrl: h('input', {type: 'url', id: 'import-base-url', name: 'baseUrl', autocomplete: 'off'}),
    authType: h('select', {id: 'import-auth-type', name: 'auth.type', 'aria-describedby': 'import-auth-hint'},
      AUTH_TYPES.map((type) => h('option', {value: type}, type))),
    authSecret: h('input', {type: 'text', id: 'import-auth-secret', name: 'auth.secret', autocomplete: 'off'}),
  };
  const authHint = h('p', {class: 'hint', id: 'import-auth-hint'},
    'Preview to see what the spec suggests. The secret is only named here; store its value on the Secrets page.');
  return {
    inputs,
    names: h('div', {class: 'field-row'},
      field('Namespace', inputs.namespace, 'Lowercase letters, digits, - or _'),
      field('Name', inputs.name, 'Lowercase letters, digits, - or _')),
    details: [
      field('Description (optional)', inputs.description, 'Shown in the list and matched by the page filter.'),
      field('Base URL', inputs.baseUrl, 'Where calls go; filled from the spec’s servers when empty.'),
      h('div', {class: 'field-row'}, field('Auth', inputs.authType), field('Secret name', inputs.authSecret)),
      authHint],
    suggest(suggested) {
      if (!inputs.baseUrl.value && suggested?.baseUrl) inputs.baseUrl.value = suggested.baseUrl;
      const auth = suggested?.auth;
      if (auth?.type && !inputs.authType.querySelector(`option[value="${CSS.escape(auth.type)}"]`)) {
        inputs.authType.append(h('option', {value: auth.type}, auth.type));
      }
      inputs.authType.value = auth?.type || 'none';
      if (auth?.secret && !inputs.authSecret.value) inputs.authSecret.value = auth.secret;
      authHint.textContent = auth
        ? `The spec suggests ${auth.type} auth. Store the credential under the secret name before running.`
        : 'The spec declares no supported security scheme; pick auth yourself if the API needs it.';
    },
  };
}

/** The connector to create: the fields as typed, the auth the spec described, the ticked operations. */
function connectorBody(form, inputs, parsed) {
  const type = inputs.authType.value;
  // Keep what the spec said about where the credential goes (header, query parameter, token URL).
  const suggested = parsed.suggested?.auth?.type === type ? parsed.suggested.auth : {};
  const auth = type === 'none' ? {type} : {...suggested, type};
  if (type === 'forward_token') delete auth.secret;
  else if (type !== 'none') auth.secret = inputs.authSecret.value.trim() || null;
  return {namespace: inputs.namespace.value.trim(), name: inputs.name.value.trim(), type: 'http',
    description: inputs.description.value.trim() || null, baseUrl: inputs.baseUrl.value.trim() || null, auth,
    operations: pickedOperations(form, parsed.operations || [])};
}

/** The import form. Everything typed stays in place across previews and failed saves. */
function importSection(ctx) {
  const source = sourcePicker((error) => showProblem(form, error));
  const fields = connectorFields();
  const previewSummary = liveSummary();
  const preview = h('div', {id: 'import-preview'});
  const previewButton = h('button', {type: 'button'}, 'Preview');
  const form = h('form', {class: 'stack', novalidate: true, 'aria-labelledby': 'import-title'},
    fields.names, source.element, h('div', {class: 'actions'}, previewButton), previewSummary.element, preview,
    ...fields.details,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save connector')));

  // The last preview, and the source it was made from: saving needs a preview of what is there now.
  let parsed = null;
  let parsedFrom = null;

  async function runPreview() {
    clearProblem(form);
    previewButton.disabled = true;
    try {
      const key = source.key();
      parsed = await api('/api/v1/connectors/parse-openapi', {method: 'POST', body: source.body()});
      parsedFrom = key;
      fields.suggest(parsed.suggested);
      const operations = parsed.operations || [];
      mount(preview, h('h3', {}, 'Preview'), operationPicker(operations), warningList(parsed.warnings));
      previewSummary.say(`Preview: ${operations.length} operations`
        + `${parsed.warnings?.length ? `, ${parsed.warnings.length} warnings` : ''}.`);
      return true;
    } catch (error) {
      mount(preview);
      previewSummary.say('');
      showProblem(form, error);
      return false;
    } finally {
      previewButton.disabled = false;
    }
  }

  previewButton.addEventListener('click', runPreview);
  onSubmit(form, async () => {
    if (!parsed || parsedFrom !== source.key()) {
      // The spec changed (or was never previewed): show what would be imported before writing anything.
      if (await runPreview()) toast('Review the operations in the preview, then save.');
      return;
    }
    const connector = connectorBody(form, fields.inputs, parsed);
    // One create carrying the previewed operations: nothing half-made is left if it fails.
    await api('/api/v1/connectors', {method: 'POST', body: connector});
    toast(`Saved ${connector.namespace}/${connector.name} with ${connector.operations.length} operations.`);
    await ctx.navigate(`/connectors/${enc(connector.namespace)}/${enc(connector.name)}`);
  });

  const section = h('section', {id: 'import-panel', class: 'card', hidden: true, 'aria-labelledby': 'import-title'},
    h('h2', {id: 'import-title'}, 'Import from OpenAPI'),
    h('p', {class: 'muted'}, 'Creates an http connector whose operations come from the spec.'), form);
  // Opening from a namespace-filtered list starts the import in that namespace.
  return {element: section, focus(namespace) {
    if (namespace && !fields.inputs.namespace.value) fields.inputs.namespace.value = namespace;
    fields.inputs.namespace.focus();
  }};
}

export default async function render(main, ctx) {
  const importer = importSection(ctx);
  const toggle = disclosure('Import from OpenAPI', importer.element,
    (namespace) => importer.focus(typeof namespace === 'string' ? namespace : ''));
  const list = listSection(ctx, toggle.open);
  mount(main,
    h('div', {class: 'page-header'}, h('h1', {}, 'Connectors'), h('div', {class: 'actions'}, toggle.button)),
    importer.element,
    list.element);
  await list.load();
  if (ctx.query.get('import') === '1') toggle.open();
}

// Connectors: the list (namespace filter on the server, search within the loaded page) and the
// OpenAPI import: preview what a spec yields, pick operations and auth, then save in one request.
import {api, ApiError} from '../api.js';
import {clearProblem, emptyState, fmtTime, h, mount, showProblem, toast} from '../dom.js';

const PAGE_SIZE = 20;
const MAX_SPEC_BYTES = 5 * 1024 * 1024; // the registry refuses bodies over 5 MB
const AUTH_TYPES = ['none', 'bearer', 'basic', 'api_key', 'forward_token'];

function field(id, label, control, hint) {
  control.id = id;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', {class: 'field'}, h('label', {for: id}, label), control,
    hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null);
}

function connectorRow(c) {
  const ref = `${c.namespace}/${c.name}`;
  return h('tr', {},
    h('th', {scope: 'row'}, h('a', {href: `/connectors/${encodeURIComponent(c.namespace)}/${encodeURIComponent(c.name)}`}, ref)),
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

function matches(c, term) {
  const text = `${c.namespace}/${c.name} ${c.description || ''}`.toLowerCase();
  return text.includes(term.toLowerCase());
}

/** The list part: toolbar, table, pager. Keeps namespace and page in the address so reload and back work. */
function listSection(ctx, openImport) {
  const state = {namespace: ctx.query.get('namespace') || '', page: Math.max(1, Number(ctx.query.get('page')) || 1),
    search: ctx.query.get('q') || '', result: null};
  const search = h('input', {type: 'search', name: 'q', value: state.search, autocomplete: 'off'});
  const namespace = h('input', {type: 'text', name: 'namespace', value: state.namespace, autocomplete: 'off'});
  const toolbar = h('form', {class: 'toolbar', role: 'search', 'aria-label': 'Filter connectors', novalidate: true},
    field('connector-search', 'Search this page', search, 'Name or description'),
    field('connector-namespace', 'Namespace', namespace, 'Asks the server for one namespace'),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Apply filter')));
  const results = h('div', {'aria-live': 'polite'});

  function syncAddress() {
    const query = new URLSearchParams();
    if (state.namespace) query.set('namespace', state.namespace);
    if (state.page > 1) query.set('page', String(state.page));
    if (state.search) query.set('q', state.search);
    const qs = query.toString();
    history.replaceState(null, '', `/connectors${qs ? `?${qs}` : ''}`);
  }

  function draw() {
    const {data = [], total = 0, hasMore = false} = state.result || {};
    const shown = state.search ? data.filter((c) => matches(c, state.search)) : data;
    let body;
    if (!total && !state.namespace) {
      body = emptyState('No connectors yet — import one from an OpenAPI spec.',
        h('button', {type: 'button', class: 'primary', 'on:click': openImport}, 'Import from OpenAPI'));
    } else if (!total) {
      body = emptyState(`No connectors in namespace “${state.namespace}” yet — import one from an OpenAPI spec,`
        + ' or clear the namespace to see all.',
      h('button', {type: 'button', class: 'primary', 'on:click': () => openImport(state.namespace)}, 'Import from OpenAPI'));
    } else if (!shown.length) {
      body = emptyState(`No connector on this page matches “${state.search}”.`);
    } else {
      body = connectorTable(shown);
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pager = total > PAGE_SIZE ? h('nav', {class: 'pager', 'aria-label': 'Pages'},
      h('button', {type: 'button', disabled: state.page <= 1, 'on:click': () => load(state.page - 1)}, 'Previous'),
      h('span', {}, `Page ${state.page} of ${pages} · ${total} connectors`),
      h('button', {type: 'button', disabled: !hasMore, 'on:click': () => load(state.page + 1)}, 'Next')) : null;
    mount(results, body, pager);
  }

  async function load(page = state.page) {
    clearProblem(toolbar);
    try {
      state.result = await api('/api/v1/connectors', {query: {namespace: state.namespace, page, limit: PAGE_SIZE}});
      state.page = page;
      syncAddress();
      draw();
    } catch (error) {
      showProblem(toolbar, error);
    }
  }

  search.addEventListener('input', () => {
    state.search = search.value.trim();
    syncAddress();
    if (state.result) draw();
  });
  toolbar.addEventListener('submit', (event) => {
    event.preventDefault();
    state.namespace = namespace.value.trim();
    load(1);
  });

  return {element: h('section', {'aria-labelledby': 'connectors-list-title'},
    h('h2', {id: 'connectors-list-title', class: 'visually-hidden'}, 'All connectors'), toolbar, results), load};
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

/** The import form. Everything typed stays in place across previews and failed saves. */
function importSection(ctx) {
  const inputs = {
    namespace: h('input', {type: 'text', name: 'namespace', autocomplete: 'off', required: true}),
    name: h('input', {type: 'text', name: 'name', autocomplete: 'off', required: true}),
    spec: h('textarea', {name: 'spec', rows: 10, spellcheck: 'false'}),
    file: h('input', {type: 'file', name: 'file', accept: '.json,.yaml,.yml,application/json,application/yaml,text/yaml'}),
    url: h('input', {type: 'url', name: 'url', 'data-field': 'spec', autocomplete: 'off', placeholder: 'https://example.com/openapi.json'}),
    description: h('input', {type: 'text', name: 'description', autocomplete: 'off'}),
    baseUrl: h('input', {type: 'url', name: 'baseUrl', autocomplete: 'off'}),
    authType: h('select', {name: 'auth.type'}, AUTH_TYPES.map((type) => h('option', {value: type}, type))),
    authSecret: h('input', {type: 'text', name: 'auth.secret', autocomplete: 'off'}),
  };
  const sourcePaste = h('input', {type: 'radio', name: 'source', id: 'import-source-paste', value: 'spec', checked: true});
  const sourceUrl = h('input', {type: 'radio', name: 'source', id: 'import-source-url', value: 'url'});
  const pasteBox = h('div', {class: 'stack'},
    field('import-spec', 'Spec (OpenAPI 3 or Swagger 2, JSON or YAML)', inputs.spec, 'Paste it here, or load a file below.'),
    field('import-file', 'Load a file', inputs.file, 'The file is read in the browser into the box above.'));
  const urlBox = h('div', {hidden: true},
    field('import-url', 'Spec URL', inputs.url, 'The registry fetches it (http or https).'));
  const preview = h('div', {id: 'import-preview', 'aria-live': 'polite'});
  const authHint = h('p', {class: 'hint', id: 'import-auth-hint'},
    'Preview to see what the spec suggests. The secret is only named here; store its value on the Secrets page.');
  const previewButton = h('button', {type: 'button'}, 'Preview');
  const saveButton = h('button', {type: 'submit', class: 'primary'}, 'Save connector');
  const form = h('form', {class: 'stack', novalidate: true, 'aria-labelledby': 'import-title'},
    h('div', {class: 'field-row'},
      field('import-namespace', 'Namespace', inputs.namespace, 'Lowercase letters, digits, - or _'),
      field('import-name', 'Name', inputs.name, 'Lowercase letters, digits, - or _')),
    h('fieldset', {class: 'stack'}, h('legend', {}, 'Where the spec comes from'),
      h('div', {class: 'field checkbox'}, sourcePaste, h('label', {for: 'import-source-paste'}, 'Paste or upload')),
      h('div', {class: 'field checkbox'}, sourceUrl, h('label', {for: 'import-source-url'}, 'From a URL')),
      pasteBox, urlBox),
    h('div', {class: 'actions'}, previewButton),
    preview,
    field('import-description', 'Description (optional)', inputs.description, 'Shown in the list and searched.'),
    field('import-base-url', 'Base URL', inputs.baseUrl, 'Where calls go; filled from the spec’s servers when empty.'),
    h('div', {class: 'field-row'},
      h('div', {class: 'field'}, h('label', {for: 'import-auth-type'}, 'Auth'), inputs.authType),
      field('import-auth-secret', 'Secret name', inputs.authSecret)),
    authHint,
    h('div', {class: 'actions'}, saveButton));
  inputs.authType.id = 'import-auth-type';
  inputs.authType.setAttribute('aria-describedby', 'import-auth-hint');

  // The last preview, and the source it was made from: saving needs a preview of what is there now.
  let parsed = null;
  let parsedFrom = null;

  const usingUrl = () => sourceUrl.checked;
  const sourceKey = () => (usingUrl() ? `url:${inputs.url.value.trim()}` : `spec:${inputs.spec.value}`);
  const sourceBody = () => (usingUrl() ? {url: inputs.url.value.trim()} : {spec: inputs.spec.value});

  for (const radio of [sourcePaste, sourceUrl]) {
    radio.addEventListener('change', () => {
      pasteBox.hidden = usingUrl();
      urlBox.hidden = !usingUrl();
    });
  }

  inputs.file.addEventListener('change', () => {
    const file = inputs.file.files[0];
    if (!file) return;
    if (file.size > MAX_SPEC_BYTES) {
      showProblem(form, new ApiError(400, {detail: 'That file is too large.',
        errors: [{field: 'file', message: 'must be at most 5 MB'}]}));
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      inputs.spec.value = String(reader.result);
      toast(`Loaded ${file.name} into the spec box.`);
    });
    reader.addEventListener('error', () => showProblem(form, new ApiError(400, {detail: 'Could not read the file.',
      errors: [{field: 'file', message: String(reader.error?.message || 'could not be read')}]})));
    reader.readAsText(file);
  });

  function suggestAuth(auth) {
    const option = inputs.authType.querySelector(`option[value="${CSS.escape(auth?.type || 'none')}"]`);
    if (auth?.type && !option) inputs.authType.append(h('option', {value: auth.type}, auth.type));
    inputs.authType.value = auth?.type || 'none';
    if (auth?.secret && !inputs.authSecret.value) inputs.authSecret.value = auth.secret;
    authHint.textContent = auth
      ? `The spec suggests ${auth.type} auth. Store the credential under the secret name before running.`
      : 'The spec declares no supported security scheme; pick auth yourself if the API needs it.';
  }

  async function runPreview() {
    clearProblem(form);
    previewButton.disabled = true;
    try {
      const key = sourceKey();
      const result = await api('/api/v1/connectors/parse-openapi', {method: 'POST', body: sourceBody()});
      parsed = result;
      parsedFrom = key;
      if (!inputs.baseUrl.value && result.suggested?.baseUrl) inputs.baseUrl.value = result.suggested.baseUrl;
      suggestAuth(result.suggested?.auth);
      mount(preview, h('h3', {}, 'Preview'), operationPicker(result.operations || []), warningList(result.warnings));
      return true;
    } catch (error) {
      mount(preview);
      showProblem(form, error);
      return false;
    } finally {
      previewButton.disabled = false;
    }
  }

  function authBlock() {
    const type = inputs.authType.value;
    if (type === 'none') return {type: 'none'};
    // Keep what the spec said about where the credential goes (header, query parameter, token URL).
    const suggested = parsed?.suggested?.auth?.type === type ? parsed.suggested.auth : {};
    const auth = {...suggested, type};
    const secret = inputs.authSecret.value.trim();
    if (type === 'forward_token') delete auth.secret;
    else auth.secret = secret || null;
    return auth;
  }

  async function save() {
    if (!parsed || parsedFrom !== sourceKey()) {
      // The spec changed (or was never previewed): show what would be imported before writing anything.
      if (await runPreview()) toast('Review the operations in the preview, then save.');
      return;
    }
    clearProblem(form);
    const operations = pickedOperations(form, parsed.operations || []);
    const connector = {namespace: inputs.namespace.value.trim(), name: inputs.name.value.trim(), type: 'http',
      description: inputs.description.value.trim() || null, baseUrl: inputs.baseUrl.value.trim() || null, auth: authBlock(), operations};
    saveButton.disabled = true;
    try {
      // One create carrying the previewed operations: nothing half-made is left if it fails.
      await api('/api/v1/connectors', {method: 'POST', body: connector});
      toast(`Saved ${connector.namespace}/${connector.name} with ${operations.length} operations.`);
      await ctx.navigate(`/connectors/${encodeURIComponent(connector.namespace)}/${encodeURIComponent(connector.name)}`);
    } catch (error) {
      showProblem(form, error);
    } finally {
      saveButton.disabled = false;
    }
  }

  previewButton.addEventListener('click', runPreview);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });

  const section = h('section', {id: 'import-panel', class: 'card', hidden: true, 'aria-labelledby': 'import-title'},
    h('h2', {id: 'import-title'}, 'Import from OpenAPI'),
    h('p', {class: 'muted'}, 'Creates an http connector whose operations come from the spec.'), form);
  // Opening from a namespace-filtered list starts the import in that namespace.
  return {element: section, focus(namespace) {
    if (namespace && !inputs.namespace.value) inputs.namespace.value = namespace;
    inputs.namespace.focus();
  }};
}

export default async function render(main, ctx) {
  const importer = importSection(ctx);
  const toggle = h('button', {type: 'button', class: 'primary', 'aria-expanded': 'false', 'aria-controls': 'import-panel'},
    'Import from OpenAPI');
  const openImport = (namespace) => {
    importer.element.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    importer.focus(typeof namespace === 'string' ? namespace : '');
  };
  toggle.addEventListener('click', () => {
    if (importer.element.hidden) openImport();
    else {
      importer.element.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
    }
  });
  const list = listSection(ctx, openImport);
  mount(main,
    h('div', {class: 'page-header'}, h('h1', {}, 'Connectors'), h('div', {class: 'actions'}, toggle)),
    importer.element,
    list.element);
  await list.load();
  if (ctx.query.get('import') === '1') openImport();
}

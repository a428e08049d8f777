// Secrets: metadata only (the API never returns a value), and forms to create, change and delete.
//
// A value goes from its password field straight into one request body and is cleared from the
// field as soon as the request is answered, success or not: it is never pre-filled, echoed,
// logged or kept in a variable that outlives the request.

import {api} from '../api.js';
import {h, mount, emptyState, fmtTime, toast} from '../dom.js';
import {enc, failure, field, formProblem, onSubmit, pageOf, pager} from '../ui.js';

const LIMIT = 20;

export default async function render(main, ctx) {
  const admin = Boolean(ctx.session && ctx.session.admin);
  const page = pageOf(ctx.query);
  let left = false;
  ctx.onLeave(() => {
    left = true;
  });

  const listRegion = h('div', {class: 'secrets-list'});
  const listError = h('div', {class: 'list-error'});
  const editRegion = h('div', {class: 'secret-edit'});

  async function reload() {
    let list;
    try {
      list = await api('/api/v1/secrets', {query: {page: String(page), limit: String(LIMIT)}});
    } catch (error) {
      if (!left) {
        mount(listRegion, failure('Could not load secrets', error));
      }
      return;
    }
    if (!left) {
      mount(listRegion, secretsTable(list, admin, {edit, remove}));
    }
  }

  /**
   * Where focus goes when what held it goes away (the edit form closing, a row deleted): the
   * secret's own "Change value" button when its row is still listed, else the list's heading.
   * Left on a removed element, focus would fall back to the top of the document.
   */
  function refocus(secret) {
    const row = listRegion.querySelector(`tr[data-secret="${CSS.escape(`${secret.scope}/${secret.name}`)}"]`);
    (row?.querySelector('button') || document.getElementById('secrets-heading'))?.focus();
  }

  function edit(secret) {
    const close = () => {
      mount(editRegion);
      refocus(secret);
    };
    mount(editRegion, updateForm(secret, {
      done: async () => {
        await reload();
        close();
      },
      cancel: close,
    }));
    editRegion.querySelector('input[name="value"]').focus();
  }

  async function remove(secret) {
    mount(listError);
    const what = `the ${secret.scope} secret "${secret.name}"`;
    if (!window.confirm(`Delete ${what}? Steps and connectors that use it will fail with SECRET_NOT_FOUND`
      + (secret.scope === 'private' ? ' (or use a shared one of the same name).' : '.'))) {
      return;
    }
    try {
      await api(`/api/v1/secrets/${enc(secret.name)}`, {method: 'DELETE', query: {scope: secret.scope}});
      toast(`Deleted ${what}.`);
      mount(editRegion);
      await reload();
      refocus(secret); // its row is gone: the heading
    } catch (error) {
      mount(listError, failure(`Could not delete ${what}`, error));
    }
  }

  mount(main,
    h('div', {class: 'page-header'},
      h('h1', {}, 'Secrets'),
      h('p', {class: 'hint'}, 'Values are write-only: nobody can read one back here or through the API. '
        + 'Steps use them as {{secret:NAME}}, connectors by name in their auth.')),
    h('section', {class: 'card', 'aria-labelledby': 'new-secret-heading'},
      h('h2', {id: 'new-secret-heading'}, 'New secret'),
      createForm(admin, reload)),
    h('section', {'aria-labelledby': 'secrets-heading'},
      h('h2', {id: 'secrets-heading', tabindex: '-1'}, 'Secrets you can use'),
      listError,
      editRegion,
      listRegion));
  await reload();
}

function createForm(admin, reload) {
  const form = h('form', {class: 'stack', novalidate: true, autocomplete: 'off', 'aria-labelledby': 'new-secret-heading'},
    textField('secret-name', 'name', 'Name', {required: true, maxlength: '128', pattern: '[A-Za-z0-9_.\\-]{1,128}',
      hint: 'Letters, digits, "_", "." and "-", up to 128.'}),
    h('div', {class: 'field'},
      h('label', {for: 'secret-scope'}, 'Scope'),
      h('select', {id: 'secret-scope', name: 'scope', 'aria-describedby': 'secret-scope-hint'},
        h('option', {value: 'private'}, 'private — only you'),
        // only admins write shared secrets; the server refuses anyone else anyway
        admin ? h('option', {value: 'shared'}, 'shared — every user\'s runs') : null),
      h('p', {class: 'hint', id: 'secret-scope-hint'}, admin
        ? 'A private secret overrides a shared one of the same name, for its owner.'
        : 'Shared secrets are written by admins; a private one of the same name overrides it for you.')),
    valueFields('secret-value'),
    textField('secret-description', 'description', 'Description (optional)', {maxlength: '1000'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Create secret')));

  // name, scope and description stay as typed so the person can fix what the server marks
  onSubmit(form, async () => {
    const name = form.elements.name.value.trim();
    const scope = form.elements.scope.value;
    const description = form.elements.description.value.trim();
    await api('/api/v1/secrets', {method: 'POST', body: withValue(form, {name, scope, ...(description ? {description} : {})})});
    form.reset();
    toast(`Created the ${scope} secret "${name}".`);
    form.elements.name.focus();
    await reload();
  }, {refused: () => clearRefusedValue(form)});
  return form;
}

function updateForm(secret, {done, cancel}) {
  const headingId = 'edit-secret-heading';
  const form = h('form', {class: 'stack card', novalidate: true, autocomplete: 'off', 'aria-labelledby': headingId},
    h('h3', {id: headingId}, 'New value for ', h('span', {class: 'mono'}, secret.name), ` (${secret.scope})`),
    valueFields('edit-secret-value'),
    textField('edit-secret-description', 'description', 'Description', {maxlength: '1000',
      value: secret.description || '', hint: 'Leave as it is to keep it.'}),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, 'Save new value'),
      h('button', {type: 'button', 'on:click': () => {
        clearValue(form);
        cancel();
      }}, 'Cancel')));

  onSubmit(form, async () => {
    const description = form.elements.description.value.trim();
    const body = withValue(form, description !== (secret.description || '') ? {description} : {});
    await api(`/api/v1/secrets/${enc(secret.name)}`, {method: 'PUT', query: {scope: secret.scope}, body});
    clearValue(form);
    toast(`Saved a new value for the ${secret.scope} secret "${secret.name}".`);
    await done();
  }, {refused: () => clearRefusedValue(form)});
  return form;
}

/** The value field (a password field, never pre-filled) and the "has parts" switch. */
function valueFields(id) {
  return [
    h('div', {class: 'field'},
      h('label', {for: id}, 'Value'),
      // "new-password": browsers honour it and neither offer nor fill a saved login here
      // (plain "off" is ignored for password fields by some)
      h('input', {id, name: 'value', type: 'password', autocomplete: 'new-password', spellcheck: 'false',
        required: true, 'aria-describedby': `${id}-hint`}),
      h('p', {class: 'hint', id: `${id}-hint`}, 'Never shown again after you save it.')),
    h('div', {class: 'field checkbox'},
      h('input', {id: `${id}-structured`, name: 'structured', type: 'checkbox'}),
      h('label', {for: `${id}-structured`},
        'The value has parts: a JSON object of strings, such as {"username": "…", "password": "…"}')),
  ];
}

/**
 * The request body with the value read from the form. Throws a formProblem on the value field
 * (cleared first when it held something unusable). When a body is returned, the field is cleared
 * once the request is answered.
 */
function withValue(form, fields) {
  const text = form.elements.value.value;
  if (!text) {
    throw formProblem({value: 'is required'});
  }
  if (!form.elements.structured.checked) {
    return {...fields, value: text};
  }
  let parts;
  try {
    parts = JSON.parse(text);
  } catch {
    // the message of JSON.parse quotes the text it choked on: never show that for a secret
    clearValue(form);
    throw formProblem({value: 'is not a JSON object: enter it again, or untick "The value has parts"'});
  }
  if (parts === null || typeof parts !== 'object' || Array.isArray(parts)) {
    clearValue(form);
    throw formProblem({value: 'must be a JSON object of strings, such as {"username": "…"}'});
  }
  return {...fields, value: parts};
}

function clearValue(form) {
  form.elements.value.value = '';
}

/** After a refusal a value still in its field was sent: it is cleared (never kept) and the field says so. */
function clearRefusedValue(form) {
  if (form.elements.value.value) {
    clearValue(form);
    noteValueCleared(form);
  }
}

/** After a refused request: the value was cleared on purpose; say so next to the field. */
function noteValueCleared(form) {
  const control = form.elements.value;
  const field = control.closest('.field');
  if (!field || field.querySelector('.value-cleared')) {
    return;
  }
  const note = h('p', {class: 'hint value-cleared'}, 'The value was cleared (values are never kept): enter it again.');
  field.append(note);
  control.addEventListener('input', () => note.remove(), {once: true});
}

function secretsTable(list, admin, {edit, remove}) {
  if (list.data.length === 0) {
    return list.total > 0
      ? emptyState('This page is past the last one.', h('a', {href: '/secrets'}, 'Go to the first page'))
      : emptyState('No secrets yet — create one above, then name it in a connector\'s auth or as '
        + '{{secret:NAME}} in a step.');
  }
  return h('div', {},
    h('div', {class: 'table-wrap'},
      h('table', {class: 'list secrets'},
        h('caption', {class: 'visually-hidden'}, 'Secrets: metadata only'),
        h('thead', {}, h('tr', {}, ['Name', 'Scope', 'Owner', 'Description', 'Version', 'Updated', 'Actions']
          .map((label) => h('th', {scope: 'col'}, label)))),
        h('tbody', {}, list.data.map((secret) => secretRow(secret, admin, {edit, remove}))))),
    pager(list, (page) => (page > 1 ? `/secrets?page=${page}` : '/secrets'), list.total === 1 ? 'secret' : 'secrets'));
}

function secretRow(secret, admin, {edit, remove}) {
  const writable = secret.scope === 'private' || admin;
  const label = `${secret.name} (${secret.scope})`;
  return h('tr', {'data-secret': `${secret.scope}/${secret.name}`},
    h('th', {scope: 'row'}, h('span', {class: 'mono'}, secret.name)),
    h('td', {}, secret.scope),
    h('td', {}, secret.owner || '—'),
    h('td', {}, secret.description || ''),
    h('td', {}, String(secret.version)),
    h('td', {}, secret.updatedAt ? h('time', {datetime: secret.updatedAt}, fmtTime(secret.updatedAt)) : '—'),
    h('td', {}, writable
      ? h('div', {class: 'actions row-actions'},
        h('button', {type: 'button', 'aria-label': `Change the value of ${label}`, 'on:click': () => edit(secret)},
          'Change value'),
        h('button', {type: 'button', class: 'danger', 'aria-label': `Delete ${label}`, 'on:click': () => remove(secret)},
          'Delete'))
      : h('span', {class: 'hint'}, 'admins only')));
}

// autocomplete "off" on the name too: a text field before a password field reads to browsers as
// a sign-up form, and they would offer to save name and value in the password manager
function textField(id, name, label, {hint, value = '', ...attrs} = {}) {
  return field(label, h('input', {id, name, type: 'text', value, autocomplete: 'off', spellcheck: 'false', ...attrs}), hint);
}

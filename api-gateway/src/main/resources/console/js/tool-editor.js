// The editor for a tool's definition (an id plus the definition as JSON), shared by the new-tool
// form on /tools and the edit form on /tools/{id}. Server errors such as steps[0].connector land
// on the JSON box, listed with their paths; the text stays as typed.
import {h} from './dom.js';
import {formProblem, onSubmit} from './ui.js';

// Server-side fields that live inside the JSON box; "*" catches any other one (an unknown field).
const DEFINITION_FIELDS = 'description instruction inputSchema outputSchema steps outputTransform concurrency'
  + ' defaultOptions body *';
// What a stored tool carries besides its definition; a PUT must not send them back.
const STORED_ONLY = ['id', 'version', 'createdBy', 'createdAt', 'updatedAt'];

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
    throw formProblem({definition: `is not valid JSON: ${error.message}`}, 'The definition is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw formProblem({definition: 'must be a JSON object such as {"steps": [...]}'}, 'The definition must be a JSON object.');
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
  const form = h('form', {class: 'stack', novalidate: true},
    h('div', {class: 'field'}, h('label', {for: idInput.id}, 'Tool id'), idInput,
      h('p', {class: 'hint', id: `${idPrefix}-id-hint`}, id ? 'The id cannot change; create a new tool to rename.'
        : '1–64 letters, digits, _ or -, starting with a letter or digit.')),
    h('div', {class: 'field'}, h('label', {for: area.id}, 'Definition (JSON)'), area,
      h('p', {class: 'hint', id: `${idPrefix}-definition-hint`},
        'Steps name a connector as namespace/name and one of its operations; ',
        h('code', {}, '<<input>>'), ' templates take values from the inputs and earlier steps.')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, submitLabel)));
  onSubmit(form, () => onSave({...readDefinition(area.value), id: idInput.value.trim()}));
  return form;
}

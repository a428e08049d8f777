// Builds form controls from a JSON Schema object (a tool's inputSchema, an operation's parameters).
// Control names are namePrefix + property, so the server's field paths ("inputs.city") land on them.
import {h} from './dom.js';
import {formProblem} from './ui.js';

/** The JSON type a property takes; a nullable type array ["string","null"] counts as its non-null type. */
function typeOf(schema) {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  if (Array.isArray(schema.enum)) return 'enum-only';
  return 'json';
}

function hintText(schema) {
  const parts = [];
  if (schema.description) parts.push(schema.description);
  if (schema.in) parts.push(`(${schema.in} parameter)`);
  const type = typeOf(schema);
  if (type === 'object' || type === 'array' || type === 'json') parts.push(`JSON ${type === 'json' ? 'value' : type}.`);
  return parts.join(' ');
}

function safeId(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

function initialText(value, type) {
  if (value === undefined || value === null) return '';
  if (type === 'object' || type === 'array' || type === 'json' || typeof value === 'object') {
    return JSON.stringify(value, null, 2);
  }
  return String(value);
}

/** One control for one property; returns {node, read} where read() → [present, value] or throws a message. */
function control(property, schema, {id, name, required, value}) {
  const type = typeOf(schema);
  const describedBy = hintText(schema) ? `${id}-hint` : null;
  const common = {id, name, 'aria-describedby': describedBy, 'aria-required': required ? 'true' : null};
  if (Array.isArray(schema.enum)) {
    // Options carry an index: enum values may be numbers or booleans, not only strings.
    const select = h('select', common,
      h('option', {value: ''}, required ? 'Choose…' : '(not set)'),
      schema.enum.map((option, index) => h('option', {value: String(index)}, String(option))));
    const start = schema.enum.findIndex((option) => option === value);
    if (start >= 0) select.value = String(start);
    return {node: select, read: () => (select.value === '' ? [false] : [true, schema.enum[Number(select.value)]])};
  }
  if (type === 'boolean') {
    const box = h('input', {...common, type: 'checkbox', checked: value === true});
    // A checkbox cannot say "not set": unchecked sends false only when the value must be there.
    const explicit = required || schema.default !== undefined;
    return {node: box, read: () => (box.checked ? [true, true] : explicit ? [true, false] : [false])};
  }
  if (type === 'number' || type === 'integer') {
    const input = h('input', {...common, type: 'number', inputmode: type === 'integer' ? 'numeric' : 'decimal',
      step: type === 'integer' ? '1' : 'any', value: initialText(value, type)});
    return {node: input, read: () => readNumber(input, type)};
  }
  if (type === 'string') {
    const long = (schema.maxLength ?? 0) > 300 || schema.format === 'textarea';
    const node = long
      ? h('textarea', {...common, rows: 4, value: initialText(value, type)})
      : h('input', {...common, type: inputType(schema.format), value: initialText(value, type)});
    return {node, read: () => (node.value === '' ? [false] : [true, node.value])};
  }
  const area = h('textarea', {...common, rows: 4, spellcheck: 'false', value: initialText(value, type)});
  return {node: area, read: () => readJson(area.value)};
}

function inputType(format) {
  return {email: 'email', uri: 'url', url: 'url', date: 'date'}[format] || 'text';
}

function readNumber(input, type) {
  // A number input answers '' for text it cannot read ("1e", "--2"), as it does when empty: only
  // badInput tells them apart, and the person's number must not be dropped without a word.
  if (input.validity.badInput) throw new Error('must be a number');
  const text = input.value;
  if (text.trim() === '') return [false];
  const number = Number(text);
  if (!Number.isFinite(number)) throw new Error('must be a number');
  if (type === 'integer' && !Number.isInteger(number)) throw new Error('must be a whole number');
  return [true, number];
}

function readJson(text) {
  if (text.trim() === '') return [false];
  try {
    return [true, JSON.parse(text)];
  } catch (error) {
    throw new Error(`is not valid JSON (${error.message})`);
  }
}

function fieldFor(property, schema, options) {
  const {node, read} = control(property, schema, options);
  const hint = hintText(schema);
  const isCheckbox = node.type === 'checkbox';
  const label = h('label', {for: options.id}, schema.title || property,
    options.required ? h('span', {class: 'required', 'aria-hidden': 'true'}, ' *') : null,
    options.required ? h('span', {class: 'visually-hidden'}, ' (required)') : null);
  const field = h('div', {class: ['field', isCheckbox && 'checkbox']},
    isCheckbox ? [node, label] : [label, node],
    hint ? h('p', {class: 'hint', id: `${options.id}-hint`}, hint) : null);
  return {field, read};
}

/**
 * schemaForm(schema, {values, idPrefix, namePrefix}) → {element, read()}.
 * read() returns the object to send, or throws an ApiError whose errors[] name the controls at fault.
 */
export function schemaForm(schema, {values = {}, idPrefix = 'sf', namePrefix = ''} = {}) {
  const properties = (schema && typeof schema === 'object' && schema.properties) || {};
  const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
  const readers = [];
  const fields = Object.entries(properties).map(([property, propertySchema]) => {
    const ps = propertySchema && typeof propertySchema === 'object' ? propertySchema : {};
    const {field, read} = fieldFor(property, ps, {
      id: `${safeId(idPrefix)}-${safeId(property)}`,
      name: namePrefix + property,
      required: required.has(property),
      value: values?.[property] !== undefined ? values[property] : ps.default,
    });
    readers.push([property, read]);
    return field;
  });
  const element = h('div', {class: 'schema-form stack'},
    fields.length ? fields : h('p', {class: 'muted'}, 'No fields to fill in.'));

  function read() {
    const result = {};
    const errors = {};
    for (const [property, readOne] of readers) {
      try {
        const [present, value] = readOne();
        if (present) result[property] = value;
      } catch (error) {
        errors[namePrefix + property] = error.message;
      }
    }
    if (Object.keys(errors).length) {
      throw formProblem(errors, 'Some fields could not be read; see the marked fields.');
    }
    return result;
  }

  return {element, read};
}

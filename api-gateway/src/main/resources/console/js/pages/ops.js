// Ops (admins): Switchboard's Kafka topics with partitions, records and consumer lag, and the
// dead letters of a topic with Replay. The gateway refuses /ops to non-admins and the ops API
// answers them 403; the check here only spares them a page of errors.

import {api, ApiError} from '../api.js';
import {h, mount, emptyState, fmtTime, toast} from '../dom.js';
import {enc, excerpt, failure, pageOf, pager} from '../ui.js';

const DLT_LIMIT = 20;
const DLT_SUFFIX = '.DLT';

export default async function render(main, ctx) {
  if (!(ctx.session && ctx.session.admin)) {
    mount(main,
      h('div', {class: 'page-header'}, h('h1', {}, 'Ops')),
      emptyState('Topics and dead letters are for admins. Ask an admin, or follow your own runs on the Runs page.',
        h('a', {href: '/runs'}, 'Go to Runs')));
    return;
  }
  let left = false;
  ctx.onLeave(() => {
    left = true;
  });
  const dltTopic = ctx.query.get('dlt');
  const dltPage = pageOf(ctx.query);
  const topicsRegion = h('div', {class: 'ops-topics'});
  const dltRegion = h('div', {class: 'ops-dlt'});

  async function loadTopics() {
    try {
      const topics = await api('/api/v1/ops/topics');
      if (!left) {
        mount(topicsRegion, topicsTable(topics.data || []));
      }
    } catch (error) {
      if (!left) {
        mount(topicsRegion, opsFailure('Could not read the topics', error));
      }
    }
  }

  async function loadDeadLetters() {
    try {
      const list = await api(`/api/v1/ops/dlt/${enc(dltTopic)}`,
        {query: {page: String(dltPage), limit: String(DLT_LIMIT)}});
      if (!left) {
        mount(dltRegion, ...deadLetters(dltTopic, list, replay));
        // the dead letters are below the topics: take the person (and a screen reader) there
        dltRegion.querySelector('#dlt-heading')?.focus();
      }
    } catch (error) {
      if (!left) {
        mount(dltRegion, dltHeading(dltTopic), opsFailure('Could not read the dead letters', error));
      }
    }
  }

  /** Republishes the chosen records; answers the outcome text so the section can show it. */
  async function replay(records) {
    const answer = await api(`/api/v1/ops/dlt/${enc(dltTopic)}/replay`,
      {method: 'POST', body: {records}});
    const replayed = answer.replayed || [];
    toast(`Replayed ${replayed.length} ${replayed.length === 1 ? 'record' : 'records'}.`);
    loadTopics(); // the original topic's records and lag changed
    return replayed;
  }

  mount(main,
    h('div', {class: 'page-header'},
      h('h1', {}, 'Ops'),
      h('p', {class: 'hint'}, 'Topics, consumer lag and dead letters. Lag is the records a group has not consumed yet.')),
    h('section', {'aria-labelledby': 'topics-heading'},
      h('h2', {id: 'topics-heading'}, 'Topics'),
      topicsRegion),
    dltTopic ? h('section', {'aria-labelledby': 'dlt-heading'}, dltRegion) : null);
  await Promise.all([loadTopics(), dltTopic ? loadDeadLetters() : null]);
}

function topicsTable(topics) {
  if (topics.length === 0) {
    return emptyState('No Switchboard topics exist yet — the services create them when they start; '
      + 'check the services\' health if this stays empty.');
  }
  const byName = new Map(topics.map((topic) => [topic.name, topic]));
  return h('div', {class: 'table-wrap'},
    h('table', {class: 'list topics'},
      h('caption', {class: 'visually-hidden'}, 'Topics with partitions, records and consumer lag'),
      h('thead', {}, h('tr', {}, ['Topic', 'Partitions', 'Records', 'Consumer lag', 'Dead letters']
        .map((label) => h('th', {scope: 'col'}, label)))),
      h('tbody', {}, topics.map((topic) => topicRow(topic, byName)))));
}

function topicRow(topic, byName) {
  return h('tr', {'data-topic': topic.name},
    h('th', {scope: 'row'}, h('span', {class: 'mono'}, topic.name),
      topic.deadLetter ? h('span', {class: 'badge badge-dlt'}, 'DLT') : null),
    h('td', {}, String(topic.partitions)),
    h('td', {}, topic.records.toLocaleString()),
    h('td', {}, lagCell(topic)),
    h('td', {}, deadLetterCell(topic, byName)));
}

function lagCell(topic) {
  const groups = topic.groups || [];
  if (groups.length === 0) {
    return h('span', {class: 'hint'}, topic.deadLetter ? '—' : 'no consumer group has committed yet');
  }
  return h('div', {},
    h('ul', {class: 'lag-list'}, groups.map((group) => h('li', {},
      h('span', {class: 'mono'}, group.group), ': ',
      h('strong', {class: group.lag > 0 ? 'lag-behind' : 'lag-ok'}, group.lag.toLocaleString())))),
    partitionDetails(topic));
}

/** Per partition: offsets and each group's committed offset and lag, folded away by default. */
function partitionDetails(topic) {
  const groups = topic.groups || [];
  const lagOf = (group, partition) => (group.partitions || []).find((entry) => entry.partition === partition);
  return h('details', {class: 'partitions'},
    h('summary', {}, `Per partition (${topic.partitions})`),
    h('div', {class: 'table-wrap'},
      h('table', {class: 'list compact'},
        h('caption', {class: 'visually-hidden'}, `Partitions of ${topic.name}`),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, 'Partition'),
          h('th', {scope: 'col'}, 'Offsets'),
          groups.map((group) => h('th', {scope: 'col'}, `Lag of ${group.group}`)))),
        h('tbody', {}, (topic.partitionOffsets || []).map((partition) => h('tr', {},
          h('th', {scope: 'row'}, String(partition.partition)),
          h('td', {}, `${partition.beginOffset}–${partition.endOffset}`),
          groups.map((group) => {
            const entry = lagOf(group, partition.partition);
            return h('td', {}, entry ? `${entry.lag} (committed ${entry.committedOffset ?? 'nothing'})` : '—');
          })))))));
}

function deadLetterCell(topic, byName) {
  const dlt = topic.deadLetter ? topic : byName.get(topic.name + DLT_SUFFIX);
  if (!dlt) {
    return h('span', {class: 'hint'}, 'no DLT');
  }
  if (dlt.records === 0) {
    return h('span', {class: 'hint'}, 'none');
  }
  return h('a', {href: `/ops?dlt=${enc(dlt.name)}`},
    `${dlt.records.toLocaleString()} — show`, h('span', {class: 'visually-hidden'}, ` dead letters of ${topic.name}`));
}

function dltHeading(topic) {
  return h('h2', {id: 'dlt-heading', tabindex: '-1'}, 'Dead letters in ', h('span', {class: 'mono'}, topic));
}

function deadLetters(topic, list, replay) {
  const outcome = h('div', {class: 'replay-outcome', role: 'status'});
  if (list.data.length === 0) {
    return [dltHeading(topic),
      list.total > 0
        ? emptyState('This page is past the last one.', h('a', {href: dltHref(topic, 1)}, 'Go to the first page'))
        : emptyState(`No dead letters in ${topic} — nothing to replay.`, h('a', {href: '/ops'}, 'Back to all topics'))];
  }
  const checkboxes = [];
  const replayButton = h('button', {type: 'button', class: 'primary', disabled: true}, 'Replay selected');
  const sync = () => {
    const chosen = checkboxes.filter((box) => box.checked).length;
    replayButton.disabled = chosen === 0;
    replayButton.textContent = chosen > 0 ? `Replay selected (${chosen})` : 'Replay selected';
  };

  async function run(records, buttons) {
    mount(outcome);
    buttons.forEach((button) => {
      button.disabled = true;
    });
    try {
      const replayed = await replay(records);
      mount(outcome, h('p', {}, 'Replayed: ', replayed.flatMap((entry, index) => [index > 0 ? ', ' : '',
        h('span', {class: 'mono'}, `${entry.partition}@${entry.offset} → ${entry.topic}-${entry.toPartition}@${entry.toOffset}`)])));
    } catch (error) {
      mount(outcome, opsFailure('Nothing was replayed', error));
    } finally {
      buttons.forEach((button) => {
        button.disabled = false;
      });
      sync();
    }
  }

  replayButton.addEventListener('click', () => {
    const records = checkboxes.filter((box) => box.checked).map((box) => box.record);
    run(records, [replayButton]);
  });

  const rows = list.data.map((record) => {
    const position = {partition: record.partition, offset: record.offset};
    const id = `dlt-${record.partition}-${record.offset}`;
    const box = h('input', {type: 'checkbox', id, 'on:change': sync});
    box.record = position;
    checkboxes.push(box);
    const rowButton = h('button', {type: 'button',
      'aria-label': `Replay the record at partition ${record.partition}, offset ${record.offset}`}, 'Replay');
    rowButton.addEventListener('click', () => run([position], [rowButton]));
    return deadLetterRow(record, box, id, rowButton);
  });

  return [
    dltHeading(topic),
    h('p', {class: 'hint'}, 'Replay republishes a record, with its key and headers, to the topic it came from. '
      + 'It stays in the DLT; replaying twice is harmless. Fix the cause first.'),
    h('div', {class: 'actions'}, replayButton, h('a', {href: '/ops'}, 'Back to all topics')),
    outcome,
    h('div', {class: 'table-wrap'},
      h('table', {class: 'list dead-letters'},
        h('caption', {class: 'visually-hidden'}, `Dead letters in ${topic}, oldest first`),
        h('thead', {}, h('tr', {}, ['Select', 'Position', 'Time', 'Key', 'Failure', 'From', 'Value', 'Replay']
          .map((label) => h('th', {scope: 'col'}, label)))),
        h('tbody', {}, rows))),
    pager(list, (page) => dltHref(topic, page), list.total === 1 ? 'dead letter' : 'dead letters'),
  ];
}

function deadLetterRow(record, box, id, rowButton) {
  const error = record.error || {};
  return h('tr', {'data-position': `${record.partition}@${record.offset}`},
    h('td', {}, box,
      h('label', {for: id, class: 'visually-hidden'}, `Select partition ${record.partition}, offset ${record.offset}`)),
    h('th', {scope: 'row', class: 'mono'}, `${record.partition}@${record.offset}`),
    h('td', {}, record.timestamp ? h('time', {datetime: record.timestamp}, fmtTime(record.timestamp)) : '—'),
    h('td', {class: 'mono'}, record.key ?? '—'),
    h('td', {},
      h('strong', {class: 'mono'}, shortName(error.exception) || 'unknown'),
      error.message ? h('div', {}, error.message) : null,
      error.cause ? h('div', {class: 'hint'}, 'cause: ', shortName(error.cause)) : null),
    h('td', {class: 'mono'},
      error.originalTopic ? `${error.originalTopic}-${error.originalPartition ?? '?'}@${error.originalOffset ?? '?'}` : '—',
      error.consumerGroup ? h('div', {class: 'hint'}, error.consumerGroup) : null),
    h('td', {}, excerpt(record.value, {max: 300})),
    h('td', {}, rowButton));
}

function dltHref(topic, page) {
  return `/ops?dlt=${enc(topic)}${page > 1 ? `&page=${page}` : ''}`;
}

/** "java.lang.IllegalStateException" → "IllegalStateException": the package rarely helps an operator. */
function shortName(className) {
  return className ? className.slice(className.lastIndexOf('.') + 1) : '';
}

/** A failure, with a 403 (the admin role taken away meanwhile) said plainly. */
function opsFailure(what, error) {
  return error instanceof ApiError && error.status === 403
    ? failure(null, new Error('Only admins may see topics and dead letters.'))
    : failure(what, error);
}

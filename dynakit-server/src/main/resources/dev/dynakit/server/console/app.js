// The dynakit web console: plain ES module, no framework, nothing loaded from elsewhere.
// Every read and write is one of DynamoDB's operations, run by the server through
// POST api/call, so the errors shown are DynamoDB's own.

const TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];
const SORT_CONDITIONS = ['=', '<', '<=', '>', '>=', 'begins_with', 'between'];
const STREAM_VIEWS = ['NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE', 'KEYS_ONLY'];
const PAGE_SIZES = [25, 50, 100];
const MAX_COLUMNS = 12;
const MAX_RECORDS = 200;

const main = document.getElementById('main');
const announcer = document.getElementById('announce');
let cleanups = [];

const token = (() => {
  const given = new URLSearchParams(location.search).get('token');
  if (given) {
    sessionStorage.setItem('dynakit-console-token', given);
    history.replaceState(null, '', location.pathname + location.hash);
  }
  return sessionStorage.getItem('dynakit-console-token') || '';
})();

// ---- small helpers ----

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = !!value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let fieldIds = 0;
function field(labelText, control, hint) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  const parts = [h('label', { for: id }, labelText), control];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

function checkbox(labelText, control) {
  control.id = control.id || `f${++fieldIds}`;
  return h('div', { class: 'field check' }, control, h('label', { for: control.id }, labelText));
}

function announce(text) {
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = text; }, 30);
}

function page(title, ...children) {
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...children);
  document.title = `${title} · dynakit console`;
  heading.focus();
}

function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

const enc = encodeURIComponent;

function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

function show(value) {
  if (value === undefined) return '';
  const [type] = Object.keys(value);
  if (type === 'S' || type === 'N') return value[type];
  if (type === 'BOOL') return String(value.BOOL);
  if (type === 'NULL') return 'null';
  return JSON.stringify(value);
}

function keyText(key) {
  return Object.entries(key).map(([name, value]) => `${name}=${show(value)}`).join(', ');
}

// ---- the API ----

class DynamoError extends Error {
  constructor(type, message) {
    super(`${type}: ${message}`);
    this.type = type;
  }
}

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (token) headers['X-Dynakit-Console-Token'] = token;
  const response = await fetch(path, { ...options, headers });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

async function callFull(operation, request) {
  const result = await api('api/call', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ operation, request }),
  });
  if (result.status !== 200) {
    const type = String(result.response.__type || 'Error');
    throw new DynamoError(type.slice(type.indexOf('#') + 1), result.response.message || result.response.Message || '');
  }
  return result;
}

async function call(operation, request) {
  return (await callFull(operation, request)).response;
}

async function describe(table) {
  return (await call('DescribeTable', { TableName: table })).Table;
}

function keyNames(description, indexName) {
  let schema = description.KeySchema;
  if (indexName) {
    const all = [...(description.GlobalSecondaryIndexes || []), ...(description.LocalSecondaryIndexes || [])];
    schema = all.find((index) => index.IndexName === indexName).KeySchema;
  }
  const hash = schema.find((k) => k.KeyType === 'HASH').AttributeName;
  const range = schema.find((k) => k.KeyType === 'RANGE');
  return { hash, range: range ? range.AttributeName : null };
}

function attributeType(description, name) {
  return description.AttributeDefinitions.find((a) => a.AttributeName === name).AttributeType;
}

function errorBox(id) {
  return h('div', { class: 'alert', role: 'alert', id });
}

function fail(box, error) {
  box.textContent = error.message;
}

// ---- tables ----

async function tablesPage() {
  const names = [];
  let start;
  do {
    const answer = await call('ListTables', start ? { ExclusiveStartTableName: start } : {});
    names.push(...answer.TableNames);
    start = answer.LastEvaluatedTableName;
  } while (start);
  const descriptions = await Promise.all(names.map(describe));
  const problem = errorBox('tables-error');
  const deleteTable = async (t) => {
    problem.textContent = '';
    const items = (t.ItemCount ?? 0).toLocaleString('en');
    if (!window.confirm(`Delete the table ${t.TableName} and its ${items} items? This cannot be undone.`)) return;
    try {
      await call('DeleteTable', { TableName: t.TableName });
      announce(`Table ${t.TableName} deleted`);
      await tablesPage();
    } catch (e) {
      fail(problem, e);
    }
  };
  const rows = descriptions.map((t) => {
    const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${t.TableName}` }, 'Delete');
    remove.addEventListener('click', () => deleteTable(t));
    const indexes = [
      ...(t.GlobalSecondaryIndexes || []).map((i) => `${i.IndexName} (global: ${i.KeySchema.map((k) => k.AttributeName).join(', ')})`),
      ...(t.LocalSecondaryIndexes || []).map((i) => `${i.IndexName} (local: ${i.KeySchema.map((k) => k.AttributeName).join(', ')})`),
    ];
    const stream = t.StreamSpecification && t.StreamSpecification.StreamEnabled ? t.StreamSpecification.StreamViewType : 'off';
    return h('tr', {},
      h('th', { scope: 'row' }, link(`#/items/${enc(t.TableName)}`, t.TableName)),
      h('td', {}, t.KeySchema.map((k) => `${k.AttributeName} (${attributeType(t, k.AttributeName)}, ${k.KeyType === 'HASH' ? 'partition' : 'sort'})`).join(', ')),
      h('td', {}, indexes.length ? indexes.join('; ') : 'none'),
      h('td', { class: 'num' }, (t.ItemCount ?? 0).toLocaleString('en')),
      h('td', { class: 'num' }, bytes(t.TableSizeBytes ?? 0)),
      h('td', {}, t.TableStatus),
      h('td', {}, stream),
      h('td', { class: 'actions' },
        link(`#/items/${enc(t.TableName)}`, 'Browse', { 'aria-label': `Browse ${t.TableName}` }),
        link(`#/query/${enc(t.TableName)}`, 'Query', { 'aria-label': `Query ${t.TableName}` }),
        stream !== 'off' ? link(`#/stream/${enc(t.TableName)}`, 'Stream', { 'aria-label': `Stream of ${t.TableName}` }) : null,
        remove));
  });
  const list = names.length
    ? h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Tables'),
      h('thead', {}, h('tr', {}, ['Table', 'Key schema', 'Indexes', 'Items', 'Size', 'Status', 'Stream', 'Actions']
        .map((c) => h('th', { scope: 'col', class: c === 'Items' || c === 'Size' ? 'num' : null }, c)))),
      h('tbody', {}, rows))
    : h('p', {}, 'No tables yet.');
  page('Tables', problem, list,
    h('p', { class: 'hint' }, 'Item counts and sizes are DescribeTable\'s ItemCount and TableSizeBytes (exact on this server).'),
    createTableForm());
}

function createTableForm() {
  const name = h('input', { name: 'table', required: true, autocomplete: 'off' });
  const pk = h('input', { name: 'pk', required: true, autocomplete: 'off' });
  const pkType = h('select', { name: 'pkType' }, ['S', 'N', 'B'].map((t) => h('option', { value: t }, t)));
  const sk = h('input', { name: 'sk', autocomplete: 'off' });
  const skType = h('select', { name: 'skType' }, ['S', 'N', 'B'].map((t) => h('option', { value: t }, t)));
  const stream = h('select', { name: 'stream' }, h('option', { value: '' }, 'off'), STREAM_VIEWS.map((v) => h('option', { value: v }, v)));
  const error = errorBox('create-error');
  const form = h('form', { 'aria-labelledby': 'create-heading' },
    h('div', { class: 'row' },
      field('Table name', name),
      field('Partition key', pk), field('Partition key type', pkType),
      field('Sort key (optional)', sk), field('Sort key type', skType),
      field('Stream', stream)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create table')),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const request = {
      TableName: name.value.trim(),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: pk.value.trim(), AttributeType: pkType.value }],
      KeySchema: [{ AttributeName: pk.value.trim(), KeyType: 'HASH' }],
    };
    if (sk.value.trim()) {
      request.AttributeDefinitions.push({ AttributeName: sk.value.trim(), AttributeType: skType.value });
      request.KeySchema.push({ AttributeName: sk.value.trim(), KeyType: 'RANGE' });
    }
    if (stream.value) request.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.value };
    try {
      await call('CreateTable', request);
      announce(`Created table ${request.TableName}`);
      await tablesPage();
    } catch (e) {
      fail(error, e);
    }
  });
  return h('section', {}, h('h2', { id: 'create-heading' }, 'Create a table'), form);
}

// ---- items: one page at a time (Limit and ExclusiveStartKey), never the whole table ----

function itemsTable(description, items, tableName, caption) {
  const { hash, range } = keyNames(description);
  const keys = range ? [hash, range] : [hash];
  const others = [...new Set(items.flatMap((item) => Object.keys(item)))].filter((n) => !keys.includes(n)).sort();
  const shown = others.slice(0, MAX_COLUMNS);
  const columns = [...keys, ...shown];
  const more = others.length > shown.length;
  return h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)), more ? h('th', { scope: 'col' }, '…') : null, h('th', { scope: 'col' }, 'Actions'))),
    h('tbody', {}, items.map((item) => {
      const key = Object.fromEntries(keys.map((k) => [k, item[k]]));
      return h('tr', {},
        columns.map((c) => h('td', { class: 'value' }, show(item[c]))),
        more ? h('td', {}, `${Object.keys(item).length - columns.filter((c) => item[c] !== undefined).length} more`) : null,
        h('td', {}, link(`#/item/${enc(tableName)}/${enc(JSON.stringify(key))}`, 'Edit', { 'aria-label': `Edit item ${keyText(key)}` })));
    })));
}

async function itemsPage(tableName) {
  const description = await describe(tableName);
  const starts = [undefined];
  let pageSize = PAGE_SIZES[0];
  const holder = h('div', { id: 'items' });
  const error = errorBox('items-error');
  const status = h('p', { class: 'hint', id: 'items-status', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary' }, 'Previous page');
  const next = h('button', { type: 'button', class: 'secondary' }, 'Next page');
  const size = h('select', { name: 'pageSize' }, PAGE_SIZES.map((n) => h('option', { value: n }, n)));
  let last;

  async function load() {
    error.textContent = '';
    const request = { TableName: tableName, Limit: pageSize };
    const start = starts[starts.length - 1];
    if (start) request.ExclusiveStartKey = start;
    try {
      const answer = await call('Scan', request);
      last = answer.LastEvaluatedKey;
      holder.replaceChildren(answer.Items.length ? itemsTable(description, answer.Items, tableName, `Items of ${tableName}`) : h('p', {}, 'No items on this page.'));
      const first = (starts.length - 1) * pageSize + 1;
      status.textContent = answer.Items.length
        ? `Page ${starts.length}: items ${first} to ${first + answer.Items.length - 1} of ${(description.ItemCount ?? 0).toLocaleString('en')}`
        : `Page ${starts.length}: no items`;
      previous.disabled = starts.length === 1;
      next.disabled = !last;
    } catch (e) {
      fail(error, e);
    }
  }
  previous.addEventListener('click', () => { starts.pop(); load(); });
  next.addEventListener('click', () => { if (last) { starts.push(last); load(); } });
  size.addEventListener('change', () => { pageSize = Number(size.value); starts.length = 1; load(); });

  page(`Items of ${tableName}`,
    h('div', { class: 'actions' },
      link(`#/new/${enc(tableName)}`, 'New item', { class: 'button' }),
      link(`#/query/${enc(tableName)}`, 'Query or scan', { class: 'button secondary' }),
      field('Items per page', size)),
    status, error, holder,
    h('div', { class: 'actions' }, previous, next));
  await load();
}

// ---- query and scan ----

function typed(type, text) {
  return { [type]: text };
}

function parseJsonField(control, what) {
  const text = control.value.trim();
  control.removeAttribute('aria-invalid');
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    if (typeof value !== 'object' || Array.isArray(value) || value === null) throw new Error('not a JSON object');
    return value;
  } catch (e) {
    control.setAttribute('aria-invalid', 'true');
    throw new Error(`${what}: ${e.message}`);
  }
}

async function queryPage(tableName) {
  const description = await describe(tableName);
  const indexes = [...(description.GlobalSecondaryIndexes || []), ...(description.LocalSecondaryIndexes || [])];
  const operation = { query: h('input', { type: 'radio', name: 'op', value: 'Query', checked: true, id: 'op-query' }),
    scan: h('input', { type: 'radio', name: 'op', value: 'Scan', id: 'op-scan' }) };
  const index = h('select', { name: 'index' }, h('option', { value: '' }, `(the table ${tableName})`), indexes.map((i) => h('option', { value: i.IndexName }, i.IndexName)));
  const pkValue = h('input', { name: 'pk', autocomplete: 'off' });
  const skOp = h('select', { name: 'skOp' }, h('option', { value: '' }, '(none)'), SORT_CONDITIONS.map((c) => h('option', { value: c }, c)));
  const skValue = h('input', { name: 'sk', autocomplete: 'off' });
  const skValue2 = h('input', { name: 'sk2', autocomplete: 'off' });
  const filter = h('input', { name: 'filter', autocomplete: 'off', size: 40 });
  const names = h('textarea', { name: 'names', rows: 2 });
  const values = h('textarea', { name: 'values', rows: 2 });
  const consistent = h('input', { type: 'checkbox', name: 'consistent' });
  const descending = h('input', { type: 'checkbox', name: 'descending' });
  const limit = h('input', { type: 'number', name: 'limit', min: 1, value: 25 });
  const pkLabel = h('label', {});
  const skLabel = h('label', {});
  const error = errorBox('query-error');
  const results = h('section', { id: 'results', 'aria-live': 'polite' });
  const cliBox = h('section', { id: 'cli-section' });
  let lastRequest;
  let lastKey;

  function refreshKeys() {
    const { hash, range } = keyNames(description, index.value);
    pkLabel.textContent = `Partition key ${hash} (${attributeType(description, hash)})`;
    skLabel.textContent = range ? `Sort key ${range} (${attributeType(description, range)})` : 'Sort key (this key schema has none)';
    skOp.disabled = !range;
    const isQuery = operation.query.checked;
    pkValue.disabled = !isQuery;
    skOp.disabled = !isQuery || !range;
    skValue.disabled = skOp.disabled || !skOp.value;
    skValue2.disabled = skOp.disabled || skOp.value !== 'between';
    descending.disabled = !isQuery;
  }

  function build() {
    const request = { TableName: tableName };
    if (index.value) request.IndexName = index.value;
    const userNames = parseJsonField(names, 'Expression attribute names') || {};
    const userValues = parseJsonField(values, 'Expression attribute values (DynamoDB JSON)') || {};
    const allNames = { ...userNames };
    const allValues = { ...userValues };
    if (operation.query.checked) {
      const { hash, range } = keyNames(description, index.value);
      if (!pkValue.value) throw new Error(`A query needs the partition key value (${hash})`);
      allNames['#pk'] = hash;
      allValues[':pk'] = typed(attributeType(description, hash), pkValue.value);
      let condition = '#pk = :pk';
      if (range && skOp.value) {
        allNames['#sk'] = range;
        const type = attributeType(description, range);
        allValues[':sk'] = typed(type, skValue.value);
        if (skOp.value === 'between') {
          allValues[':sk2'] = typed(type, skValue2.value);
          condition += ' AND #sk BETWEEN :sk AND :sk2';
        } else if (skOp.value === 'begins_with') {
          condition += ' AND begins_with(#sk, :sk)';
        } else {
          condition += ` AND #sk ${skOp.value} :sk`;
        }
      }
      request.KeyConditionExpression = condition;
      if (descending.checked) request.ScanIndexForward = false;
    }
    if (filter.value.trim()) request.FilterExpression = filter.value.trim();
    if (Object.keys(allNames).length) request.ExpressionAttributeNames = allNames;
    if (Object.keys(allValues).length) request.ExpressionAttributeValues = allValues;
    if (consistent.checked) request.ConsistentRead = true;
    if (limit.value) request.Limit = Number(limit.value);
    return request;
  }

  async function run(request) {
    error.textContent = '';
    try {
      const result = await callFull(operation.query.checked ? 'Query' : 'Scan', request);
      const answer = result.response;
      lastRequest = request;
      lastKey = answer.LastEvaluatedKey;
      const more = lastKey ? h('button', { type: 'button', class: 'secondary', onclick: () => run({ ...lastRequest, ExclusiveStartKey: lastKey }) }, 'Next page') : null;
      results.replaceChildren(
        h('h2', {}, 'Results'),
        h('p', { id: 'result-count' }, `${answer.Count} item${answer.Count === 1 ? '' : 's'} returned, ${answer.ScannedCount} read${lastKey ? '; more pages follow' : ''}.`),
        answer.Items.length ? itemsTable(description, answer.Items, tableName, 'Results') : null,
        more);
      const cli = h('pre', { id: 'cli', tabindex: '0' }, result.cli || '');
      cliBox.replaceChildren(h('h2', {}, 'The same with the dynakit command'), cli,
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await navigator.clipboard.writeText(result.cli); announce('Command copied'); } catch (e) { getSelection().selectAllChildren(cli); announce('Command selected'); }
        } }, 'Copy command'));
      announce(`${answer.Count} items returned`);
    } catch (e) {
      fail(error, e);
    }
  }

  const form = h('form', { 'aria-label': 'Query or scan' },
    h('fieldset', {}, h('legend', {}, 'Operation'),
      h('div', { class: 'row' },
        checkbox('Query', operation.query), checkbox('Scan', operation.scan),
        field('Index', index))),
    h('fieldset', {}, h('legend', {}, 'Key condition'),
      h('div', { class: 'row' },
        h('div', { class: 'field' }, pkLabel, pkValue),
        h('div', { class: 'field' }, skLabel, skOp),
        field('Sort key value', skValue),
        field('Second value (between)', skValue2))),
    h('fieldset', {}, h('legend', {}, 'Filter and options'),
      h('div', { class: 'row' },
        field('Filter expression', filter, 'e.g. #y > :y'),
        field('Expression attribute names (JSON)', names, '{"#y": "Year"}'),
        field('Expression attribute values (DynamoDB JSON)', values, '{":y": {"N": "2000"}}')),
      h('div', { class: 'row' },
        checkbox('Consistent read', consistent),
        checkbox('Descending order', descending),
        field('Limit', limit))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'run' }, 'Run')),
    error);
  pkValue.id = 'pk-value';
  pkLabel.setAttribute('for', pkValue.id);
  skOp.id = 'sk-op';
  skLabel.setAttribute('for', skOp.id);
  for (const control of [operation.query, operation.scan, index, skOp]) control.addEventListener('change', refreshKeys);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      run(build());
    } catch (e) {
      fail(error, e);
    }
  });
  refreshKeys();
  page(`Query or scan ${tableName}`, form, results, cliBox);
}

// ---- the item editor ----

function validateItem(item, description) {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'the item must be a JSON object of attributes';
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `attribute ${name} must be a DynamoDB JSON value such as {"S": "text"}`;
    const types = Object.keys(value);
    if (types.length !== 1 || !TYPES.includes(types[0])) return `attribute ${name} must have exactly one type of ${TYPES.join(', ')}`;
  }
  const { hash, range } = keyNames(description);
  for (const key of [hash, range].filter(Boolean)) {
    if (!(key in item)) return `the key attribute ${key} is missing`;
  }
  return null;
}

async function itemPage(tableName, keyJson) {
  const description = await describe(tableName);
  const { hash, range } = keyNames(description);
  let item;
  if (keyJson) {
    const answer = await call('GetItem', { TableName: tableName, Key: JSON.parse(keyJson), ConsistentRead: true });
    item = answer.Item;
  }
  if (!item) {
    item = { [hash]: { [attributeType(description, hash)]: '' } };
    if (range) item[range] = { [attributeType(description, range)]: '' };
  }
  const text = h('textarea', { id: 'item-json', rows: 16, spellcheck: 'false', 'aria-describedby': 'item-json-status' }, JSON.stringify(item, null, 2));
  const validity = h('p', { id: 'item-json-status', class: 'hint', 'aria-live': 'polite' }, 'Valid DynamoDB JSON.');
  const condition = h('input', { id: 'condition', size: 40, autocomplete: 'off' });
  const names = h('textarea', { id: 'condition-names', rows: 2 });
  const values = h('textarea', { id: 'condition-values', rows: 2 });
  const save = h('button', { type: 'submit', id: 'save' }, 'Save item');
  const remove = h('button', { type: 'button', class: 'danger', id: 'delete' }, 'Delete item');
  const error = errorBox('item-error');
  const done = h('div', { class: 'success', role: 'status', id: 'item-saved' });

  function check() {
    let message;
    try {
      message = validateItem(JSON.parse(text.value), description);
    } catch (e) {
      message = `not valid JSON: ${e.message}`;
    }
    text.setAttribute('aria-invalid', message ? 'true' : 'false');
    validity.textContent = message ? `Cannot save: ${message}` : 'Valid DynamoDB JSON.';
    save.disabled = !!message;
    return !message;
  }

  function conditional(request) {
    if (condition.value.trim()) request.ConditionExpression = condition.value.trim();
    const n = parseJsonField(names, 'Condition names');
    const v = parseJsonField(values, 'Condition values (DynamoDB JSON)');
    if (n) request.ExpressionAttributeNames = n;
    if (v) request.ExpressionAttributeValues = v;
    return request;
  }

  text.addEventListener('input', check);
  const form = h('form', { 'aria-label': 'Item' },
    field('Item (DynamoDB JSON)', text), validity,
    h('fieldset', {}, h('legend', {}, 'Condition (optional)'),
      h('div', { class: 'row' },
        field('Condition expression', condition, 'e.g. attribute_not_exists(#k) to create only'),
        field('Condition names (JSON)', names),
        field('Condition values (DynamoDB JSON)', values))),
    h('div', { class: 'actions' }, save, keyJson ? remove : null, link(`#/items/${enc(tableName)}`, 'Back to the items')),
    error, done);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    done.textContent = '';
    if (!check()) return;
    try {
      const saved = JSON.parse(text.value);
      await call('PutItem', conditional({ TableName: tableName, Item: saved }));
      done.textContent = `Saved item ${keyText(Object.fromEntries([hash, range].filter(Boolean).map((k) => [k, saved[k]])))}.`;
    } catch (e) {
      fail(error, e);
    }
  });
  remove.addEventListener('click', async () => {
    error.textContent = '';
    done.textContent = '';
    try {
      await call('DeleteItem', conditional({ TableName: tableName, Key: JSON.parse(keyJson) }));
      announce('Item deleted');
      location.hash = `#/items/${enc(tableName)}`;
    } catch (e) {
      fail(error, e);
    }
  });
  page(keyJson ? `Item of ${tableName}` : `New item of ${tableName}`, form);
  check();
}

// ---- the stream tail ----

function streamPage(tableName) {
  const status = h('p', { id: 'stream-status', role: 'status' }, 'Connecting…');
  const list = h('ol', { class: 'records', id: 'records', 'aria-live': 'polite', 'aria-label': 'Stream records, newest first' });
  const from = h('select', { name: 'from', id: 'stream-from' },
    h('option', { value: 'newest' }, 'new records from now on'),
    h('option', { value: 'oldest' }, 'every record kept (24 hours), then new ones'));
  let source = null;
  const listen = () => {
    if (source) source.close();
    list.replaceChildren();
    status.textContent = 'Connecting…';
    const params = new URLSearchParams({ table: tableName, from: from.value });
    if (token) params.set('token', token);
    source = new EventSource(`api/stream?${params}`);
    let count = 0;
    const listening = () => (from.value === 'oldest' ? `Reading every record of ${tableName}, then new ones` : `Listening for new records of ${tableName}`);
    source.addEventListener('ready', () => { status.textContent = `${listening()}.`; });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) status.textContent = 'The connection to the server was lost; reconnecting…';
    });
    source.addEventListener('failed', (event) => {
      status.textContent = `The stream tail stopped: ${JSON.parse(event.data).error}`;
      source.close();
    });
    source.addEventListener('record', (event) => {
      const record = JSON.parse(event.data);
      const d = record.dynamodb || {};
      count += 1;
      const when = d.ApproximateCreationDateTime ? new Date(d.ApproximateCreationDateTime * 1000).toISOString() : '';
      list.prepend(h('li', {},
        h('span', { class: 'event' }, record.eventName), h('span', { class: 'badge' }, keyText(d.Keys || {})), ' ', h('span', { class: 'hint' }, when),
        d.NewImage ? h('pre', {}, `new: ${JSON.stringify(d.NewImage)}`) : null,
        d.OldImage ? h('pre', {}, `old: ${JSON.stringify(d.OldImage)}`) : null));
      while (list.children.length > MAX_RECORDS) list.lastChild.remove();
      status.textContent = `${listening()}: ${count} received.`;
    });
  };
  from.addEventListener('change', listen);
  cleanups.push(() => source && source.close());
  page(`Stream of ${tableName}`, field('Show', from), status, list);
  listen();
}

// ---- metrics: inline SVG charts ----

function barChart(label, rows, series) {
  const width = 420;
  const rowHeight = 18 * series.length + 6;
  const left = 120;
  const height = rows.length * rowHeight + 20;
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => r[s.key])));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${label}: ${rows.map((r) => `${r.name} ${series.map((s) => `${s.name} ${r[s.key]}`).join(' ')}`).join('; ')}`);
  const add = (tag, attrs, text) => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.append(el);
  };
  rows.forEach((r, i) => {
    const y = i * rowHeight + 4;
    add('text', { x: left - 6, y: y + 13, 'text-anchor': 'end' }, r.name);
    series.forEach((s, j) => {
      const w = Math.max(1, ((width - left - 70) * r[s.key]) / max);
      add('rect', { x: left, y: y + j * 18, width: w, height: 14, class: j === 0 ? 'bar' : 'bar2' });
      add('text', { x: left + w + 4, y: y + j * 18 + 11 }, `${r[s.key]}${s.unit || ''}`);
    });
  });
  add('line', { x1: left, y1: 0, x2: left, y2: height - 16, class: 'axis' });
  return svg;
}

function lineChart(label, points) {
  const width = 420;
  const height = 120;
  const max = Math.max(1, ...points);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${label}: latest ${points.length ? points[points.length - 1].toFixed(1) : 0}, highest ${max.toFixed(1)}`);
  const step = points.length > 1 ? (width - 40) / (points.length - 1) : 0;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${(30 + i * step).toFixed(1)},${(height - 15 - (p / max) * (height - 30)).toFixed(1)}`).join(' ');
  svg.innerHTML = `<line class="axis" x1="30" y1="${height - 15}" x2="${width - 10}" y2="${height - 15}"></line>
    <text x="26" y="14" text-anchor="end">${max.toFixed(0)}</text><text x="26" y="${height - 15}" text-anchor="end">0</text>`;
  if (points.length) {
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    line.setAttribute('d', path);
    line.setAttribute('class', 'line');
    svg.append(line);
    const last = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    last.setAttribute('cx', (30 + (points.length - 1) * step).toFixed(1));
    last.setAttribute('cy', (height - 15 - (points[points.length - 1] / max) * (height - 30)).toFixed(1));
    last.setAttribute('r', '3');
    last.setAttribute('class', 'bar');
    svg.append(last);
  }
  return svg;
}

function metricsPage() {
  const holder = h('div', { id: 'metrics' }, h('p', {}, 'Reading the metrics…'));
  const rates = [];
  let previous;
  const ms = (micros) => Math.round(micros / 10) / 100;
  async function refresh() {
    try {
      const m = await api('api/metrics');
      m.at = Date.now();
      if (previous) rates.push(Math.max(0, (m.total - previous.total) / Math.max(0.001, (m.at - previous.at) / 1000)));
      if (rates.length > 60) rates.shift();
      previous = m;
      const rows = m.operations.map((o) => ({ name: o.operation, count: o.count, p50: ms(o.p50Micros), p99: ms(o.p99Micros) }));
      holder.replaceChildren(
        h('p', {}, `${m.total.toLocaleString('en')} requests answered by the DynamoDB endpoint since the server started.`),
        h('div', { class: 'charts' },
          h('figure', {}, h('figcaption', {}, 'Requests by operation'), rows.length ? barChart('Requests by operation', rows, [{ key: 'count', name: 'requests' }]) : h('p', {}, 'No requests yet.')),
          h('figure', {}, h('figcaption', {}, 'Latency by operation: p50 (blue), p99 (pink), ms'), rows.length ? barChart('Latency by operation', rows, [{ key: 'p50', name: 'p50', unit: ' ms' }, { key: 'p99', name: 'p99', unit: ' ms' }]) : h('p', {}, 'No requests yet.')),
          h('figure', {}, h('figcaption', {}, 'Requests per second (every 2 s)'), lineChart('Requests per second', rates))),
        h('table', {},
          h('caption', {}, 'Requests and latency by operation (quantiles are histogram bucket bounds)'),
          h('thead', {}, h('tr', {}, ['Operation', 'Requests', 'Errors', 'Mean ms', 'p50 ms', 'p99 ms', 'Max ms'].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
          h('tbody', {}, m.operations.map((o) => h('tr', {},
            h('th', { scope: 'row' }, o.operation),
            [o.count, o.errors, ms(o.meanMicros), ms(o.p50Micros), ms(o.p99Micros), ms(o.maxMicros)].map((v) => h('td', { class: 'num' }, v.toLocaleString('en'))))))));
    } catch (e) {
      holder.replaceChildren(h('div', { class: 'alert', role: 'alert' }, e.message));
    }
  }
  const timer = setInterval(refresh, 2000);
  cleanups.push(() => clearInterval(timer));
  page('Metrics', holder);
  refresh();
}

// ---- routing ----

async function route() {
  cleanups.forEach((c) => c());
  cleanups = [];
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [view, table, key] = parts;
  for (const a of document.querySelectorAll('[data-nav]')) {
    const current = (a.dataset.nav === 'tables' && view !== 'metrics') || a.dataset.nav === view;
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  try {
    if (view === 'items' && table) await itemsPage(table);
    else if (view === 'query' && table) await queryPage(table);
    else if (view === 'item' && table && key) await itemPage(table, key);
    else if (view === 'new' && table) await itemPage(table, null);
    else if (view === 'stream' && table) streamPage(table);
    else if (view === 'metrics') metricsPage();
    else await tablesPage();
  } catch (e) {
    page('Something went wrong', h('div', { class: 'alert', role: 'alert' }, e.message), h('p', {}, link('#/', 'Back to the tables')));
  }
}

window.addEventListener('hashchange', route);
api('api/info').then((info) => {
  document.getElementById('endpoint').textContent = `DynamoDB endpoint ${info.endpoint}${info.auth ? ' (signed requests)' : ''}`;
}).catch(() => {});
route();

// Lead-to-Cash: "销售团队 Sales team" in Camunda Admin (issue 10, R-06) for sales managers, regional directors and admins:
// the roster with region, manager and open leads; add, change and deactivate members (a new member's Camunda user gets
// an initial password, shown once); the first load from CSV with the per-line report; the regions, with add. Every
// action goes to /api/team/* with the Admin login (changes carry the webapps' CSRF token); the API checks the groups
// again and names the field and the rule of each refusal. A customer found by name or credit code is given to another
// rep with a reason, and its owner history (who owned it when, who transferred it, why) is shown. Chinese, or
// English when picked with the footer switch.
// Loaded by admin/scripts/config.js: a dashboard section linking to the page at #/sales-team.
import {chosenLocale} from './locale.js';

const TEXT = {
  title: ['销售团队', 'Sales team'],
  intro: ['维护销售、主管和总监：区域、手机、上级；停用时线索和客户交给接手人或重新分配。',
    'Keep reps, managers and directors: region, mobile, line; on deactivation leads and customers go to a successor or back to assignment.'],
  open: ['打开销售团队', 'Open the sales team'],
  members: ['成员', 'Members'],
  userId: ['账号', 'User id'], displayName: ['姓名', 'Name'], role: ['角色', 'Role'], region: ['区域', 'Region'],
  mobile: ['手机', 'Mobile'], managerId: ['销售主管', 'Manager'], directorId: ['区域总监', 'Director'],
  openLeads: ['待跟进线索', 'Open leads'], status: ['状态', 'Status'], active: ['在职', 'active'], inactive: ['已停用', 'inactive'],
  edit: ['编辑', 'Edit'], deactivate: ['停用', 'Deactivate'], save: ['保存', 'Save'], cancel: ['取消', 'Cancel'],
  add: ['新增成员', 'Add a member'], editing: ['编辑成员', 'Edit member'],
  REP: ['销售', 'Rep'], MANAGER: ['销售主管', 'Manager'], DIRECTOR: ['区域总监', 'Director'],
  saved: ['已保存', 'Saved'], password: ['初始密码（只显示这一次，请交给本人）', 'Initial password (shown this once: hand it over)'],
  successorId: ['接手人（留空则重新分配线索）', 'Successor (empty: leads back to assignment)'], reason: ['原因', 'Reason'],
  confirmDeactivate: ['确认停用', 'Confirm deactivation'], deactivated: ['已停用', 'Deactivated'],
  importTitle: ['CSV 导入', 'CSV import'],
  importHelp: ['UTF-8，首行为标题：userId,displayName,role,region,mobile,managerId,directorId（或 账号,姓名,角色,区域,手机,主管,总监）。有错误的文件不保存任何行；重复导入不会重复创建。',
    'UTF-8 with a header line: userId,displayName,role,region,mobile,managerId,directorId. A file with any bad line stores nothing; importing it again creates nothing twice.'],
  importButton: ['导入', 'Import'], line: ['行', 'Line'], outcome: ['结果', 'Outcome'], problem: ['问题', 'Problem'],
  stored: ['已导入', 'Stored'], notStored: ['文件未导入：请改正以下各行后重新上传', 'Nothing stored: correct these lines and upload again'],
  created: ['新建', 'created'], changed: ['已修改', 'changed'], unchanged: ['无变化', 'unchanged'], refused: ['拒绝', 'refused'],
  valid: ['无误', 'valid'],
  regions: ['区域', 'Regions'], code: ['代码', 'Code'], name: ['名称', 'Name'], addRegion: ['新增区域', 'Add region'],
  failed: ['操作失败', 'Failed'],
  ownerTitle: ['客户负责人转移', 'Customer owner transfer'],
  ownerHelp: ['按名称或统一社会信用代码查找客户，选择新的负责销售并填写原因；每次转移都记入历史。',
    'Find the customer by name or credit code, pick the new rep and give the reason; every transfer is kept in the history.'],
  q: ['名称或统一社会信用代码', 'Name or credit code'], search: ['查找', 'Search'],
  companyName: ['客户名称', 'Customer'], creditCode: ['统一社会信用代码', 'Credit code'], storeTier: ['门店等级', 'Store tier'],
  ownerId: ['新负责人', 'New owner'], owner: ['负责人', 'Owner'], ownedSince: ['负责起始', 'Owner since'],
  pick: ['转移', 'Transfer'], noCustomers: ['没有找到客户', 'No customer found'],
  transferTitle: ['转移客户', 'Transfer customer'], confirmTransfer: ['确认转移', 'Confirm transfer'],
  transferred: ['已转移', 'Transferred'], history: ['负责人历史', 'Owner history'], noHistory: ['尚无转移记录', 'No change recorded yet'],
  changedAt: ['时间', 'When'], previousOwnerId: ['原负责人', 'Previous owner'], changedBy: ['操作人', 'Changed by'],
  newOwner: ['负责人', 'Owner']
};

function t(key) {
  const pair = TEXT[key];
  if (!pair) {
    return key;
  }
  return chosenLocale() === 'en' ? pair[1] : pair[0];
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null) {
      return;
    }
    if (k === 'class') {
      e.className = v;
    } else if (k.startsWith('on')) {
      e.addEventListener(k.substring(2), v);
    } else {
      e.setAttribute(k, v);
    }
  });
  children.flat().forEach(c => e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c));
  return e;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** The API's answer as JSON with its status; a refusal's body (problem details or import report) is returned, not thrown. */
async function call(method, url, body) {
  const headers = {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, {method, credentials: 'same-origin', headers, body: payload});
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  return {ok: response.ok, status: response.status, json};
}

/** Field errors of a refusal as "field: message [rule]" items. */
function errorList(json) {
  const errors = (json && json.errors) || [];
  const list = el('ul', {class: 'leadtocash-team-errors'});
  if (errors.length === 0) {
    list.appendChild(el('li', {}, (json && (json.detail || json.title)) || t('failed')));
  }
  errors.forEach(e => list.appendChild(el('li', {'data-field': e.field, 'data-rule': e.rule},
    (TEXT[e.field] ? t(e.field) + ' (' + e.field + ')' : e.field) + ': ' + e.message + ' [' + e.rule + ']')));
  return list;
}

function memberForm(page, member) {
  const editing = !!member;
  const m = member || {role: 'REP'};
  const input = (name, value) => el('input', {class: 'form-control', name, value: value || '', ...(editing && name === 'userId' ? {readonly: 'readonly'} : {})});
  const role = el('select', {class: 'form-control', name: 'role'},
    ['REP', 'MANAGER', 'DIRECTOR'].map(r => el('option', {value: r, ...(m.role === r ? {selected: 'selected'} : {})}, t(r) + ' ' + r)));
  const region = el('select', {class: 'form-control', name: 'region'}, el('option', {value: ''}, '—'),
    page.regions.filter(r => r.active || r.code === m.region)
      .map(r => el('option', {value: r.code, ...(m.region === r.code ? {selected: 'selected'} : {})}, r.name + ' ' + r.code)));
  const fields = {userId: input('userId', m.userId), displayName: input('displayName', m.displayName), role, region,
    mobile: input('mobile', m.mobile), managerId: input('managerId', m.managerId), directorId: input('directorId', m.directorId)};
  const outcome = el('div', {class: 'leadtocash-team-outcome'});
  const form = el('form', {class: 'leadtocash-team-form', 'data-form': editing ? 'edit' : 'add'},
    el('h4', {}, editing ? t('editing') + ' ' + m.userId : t('add')),
    Object.entries(fields).map(([k, f]) => el('div', {class: 'form-group'}, el('label', {}, t(k)), f)),
    el('button', {type: 'submit', class: 'btn btn-primary', 'data-action': 'save-member'}, t('save')),
    editing ? el('button', {type: 'button', class: 'btn btn-default', onclick: () => page.showForm(null)}, t('cancel')) : [],
    outcome);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    Object.entries(fields).forEach(([k, f]) => (body[k] = f.value.trim() === '' ? null : f.value.trim()));
    const answer = editing ? await call('PUT', '/api/team/members/' + encodeURIComponent(m.userId), body)
      : await call('POST', '/api/team/members', body);
    outcome.innerHTML = '';
    if (!answer.ok) {
      outcome.appendChild(errorList(answer.json));
      outcome.setAttribute('data-outcome', 'refused');
      return;
    }
    outcome.setAttribute('data-outcome', 'saved');
    outcome.appendChild(el('p', {class: 'text-success'}, t('saved') + ': ' + answer.json.member.userId));
    if (answer.json.initialPassword) {
      outcome.appendChild(el('p', {}, t('password') + ': ', el('code', {'data-initial-password': answer.json.member.userId},
        answer.json.initialPassword)));
    }
    await page.reloadMembers();
  });
  return form;
}

function deactivateForm(page, member) {
  const successor = el('input', {class: 'form-control', name: 'successorId'});
  const reason = el('input', {class: 'form-control', name: 'reason'});
  const outcome = el('div', {class: 'leadtocash-team-outcome'});
  const form = el('form', {class: 'leadtocash-team-form', 'data-form': 'deactivate'},
    el('h4', {}, t('deactivate') + ' ' + member.userId + ' ' + member.displayName),
    el('div', {class: 'form-group'}, el('label', {}, t('successorId')), successor),
    el('div', {class: 'form-group'}, el('label', {}, t('reason')), reason),
    el('button', {type: 'submit', class: 'btn btn-danger', 'data-action': 'confirm-deactivate'}, t('confirmDeactivate')),
    el('button', {type: 'button', class: 'btn btn-default', onclick: () => page.showForm(null)}, t('cancel')), outcome);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await call('POST', '/api/team/members/' + encodeURIComponent(member.userId) + '/deactivate',
      {successorId: successor.value.trim() || null, reason: reason.value.trim() || null});
    outcome.innerHTML = '';
    if (!answer.ok) {
      outcome.appendChild(errorList(answer.json));
      return;
    }
    outcome.appendChild(el('p', {class: 'text-success', 'data-outcome': 'deactivated'}, t('deactivated') + ': ' + member.userId));
    await page.reloadMembers();
  });
  return form;
}

function membersTable(page) {
  const headers = ['userId', 'displayName', 'role', 'region', 'managerId', 'directorId', 'mobile', 'openLeads', 'status', ''];
  return el('table', {class: 'table table-striped leadtocash-team-members'},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h ? t(h) : '')))),
    el('tbody', {}, page.members.map(m => el('tr', {'data-member': m.userId, 'data-active': String(m.active)},
      el('td', {}, m.userId), el('td', {}, m.displayName), el('td', {}, t(m.role)),
      el('td', {}, m.region ? (m.regionName || m.region) + ' ' + m.region : '—'), el('td', {}, m.managerId || '—'),
      el('td', {}, m.directorId || '—'), el('td', {}, m.mobile || ''), el('td', {'data-open-leads': String(m.openLeads)}, m.openLeads),
      el('td', {}, m.active ? t('active') : t('inactive')),
      el('td', {}, el('button', {type: 'button', class: 'btn btn-xs btn-default', 'data-action': 'edit',
        onclick: () => page.showForm(memberForm(page, m))}, t('edit')), ' ',
      m.active ? el('button', {type: 'button', class: 'btn btn-xs btn-default', 'data-action': 'deactivate',
        onclick: () => page.showForm(deactivateForm(page, m))}, t('deactivate')) : [])))));
}

function importSection(page) {
  const file = el('input', {type: 'file', name: 'file', accept: '.csv,text/csv'});
  const report = el('div', {class: 'leadtocash-team-import-report'});
  const form = el('form', {class: 'leadtocash-team-import'}, el('h3', {}, t('importTitle')), el('p', {class: 'help-block'}, t('importHelp')),
    file, el('button', {type: 'submit', class: 'btn btn-default', 'data-action': 'import'}, t('importButton')), report);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!file.files.length) {
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    const answer = await call('POST', '/api/team/import', data);
    report.innerHTML = '';
    const r = answer.json || {};
    if (!r.results) {
      report.appendChild(errorList(r));
      return;
    }
    report.setAttribute('data-stored', String(!!r.stored));
    report.appendChild(el('p', {class: r.stored ? 'text-success' : 'text-danger'}, r.stored
      ? t('stored') + ': ' + t('created') + ' ' + r.created + ', ' + t('changed') + ' ' + r.changed + ', ' + t('unchanged') + ' ' + r.unchanged
      : t('notStored')));
    (r.fileErrors || []).forEach(e => report.appendChild(el('p', {class: 'text-danger', 'data-rule': e.rule}, e.field + ': ' + e.message + ' [' + e.rule + ']')));
    report.appendChild(el('table', {class: 'table table-condensed'},
      el('thead', {}, el('tr', {}, [t('line'), t('userId'), t('outcome'), t('problem'), t('password')].map(h => el('th', {}, h)))),
      el('tbody', {}, r.results.map(l => el('tr', {'data-line': String(l.line), 'data-outcome': l.outcome},
        el('td', {}, l.line), el('td', {}, l.userId || ''), el('td', {}, t(l.outcome)),
        el('td', {}, (l.errors || []).map(e => el('div', {'data-field': e.field, 'data-rule': e.rule}, e.field + ': ' + e.message + ' [' + e.rule + ']'))),
        el('td', {}, l.initialPassword ? el('code', {}, l.initialPassword) : ''))))));
    await page.reloadMembers();
  });
  return form;
}

function regionsSection(page) {
  const code = el('input', {class: 'form-control', name: 'code', placeholder: 'SOUTHWEST'});
  const name = el('input', {class: 'form-control', name: 'name', placeholder: '西南'});
  const outcome = el('div', {class: 'leadtocash-team-outcome'});
  const form = el('form', {class: 'form-inline leadtocash-team-region-form'},
    el('label', {}, t('code')), ' ', code, ' ', el('label', {}, t('name')), ' ', name, ' ',
    el('button', {type: 'submit', class: 'btn btn-default', 'data-action': 'add-region'}, t('addRegion')), outcome);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await call('POST', '/api/team/regions', {code: code.value.trim(), name: name.value.trim(), active: true});
    outcome.innerHTML = '';
    if (!answer.ok) {
      outcome.appendChild(errorList(answer.json));
      return;
    }
    await page.reloadRegions();
  });
  return el('section', {class: 'leadtocash-team-regions'}, el('h3', {}, t('regions')),
    el('ul', {}, page.regions.map(r => el('li', {'data-region': r.code}, r.name + ' ' + r.code + (r.active ? '' : ' (' + t('inactive') + ')')))),
    form);
}

function when(instant) {
  if (!instant) {
    return '—';
  }
  const d = new Date(instant);
  const two = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
}

function historyTable(changes) {
  if (!changes.length) {
    return el('p', {class: 'leadtocash-owner-history', 'data-rows': '0'}, t('noHistory'));
  }
  return el('table', {class: 'table table-condensed leadtocash-owner-history', 'data-rows': String(changes.length)},
    el('caption', {}, t('history')),
    el('thead', {}, el('tr', {}, ['changedAt', 'previousOwnerId', 'newOwner', 'changedBy', 'reason'].map(h => el('th', {}, t(h))))),
    el('tbody', {}, changes.map(c => el('tr', {'data-owner': c.ownerId || '', 'data-previous-owner': c.previousOwnerId || '',
      'data-changed-by': c.changedBy},
    el('td', {}, when(c.changedAt)), el('td', {}, c.previousOwnerId || '—'), el('td', {}, c.ownerId || '—'),
    el('td', {}, c.changedBy), el('td', {}, c.reason || '')))));
}

/** The transfer form of one customer: the new owner from the active reps, the reason, and the customer's history. */
async function transferForm(page, customer, box, refresh) {
  const reps = page.members.filter(m => m.active && m.role === 'REP' && m.userId !== customer.ownerId);
  const owner = el('select', {class: 'form-control', name: 'ownerId', id: 'leadtocash-owner-ownerId'}, el('option', {value: ''}, '—'),
    reps.map(m => el('option', {value: m.userId}, m.displayName + ' ' + m.userId + (m.region ? ' · ' + (m.regionName || m.region) : ''))));
  const reason = el('input', {class: 'form-control', name: 'reason', id: 'leadtocash-owner-reason', maxlength: '200'});
  const outcome = el('div', {class: 'leadtocash-team-outcome'});
  const historyBox = el('div', {});
  const showHistory = async () => {
    const answer = await call('GET', '/api/team/customers/' + encodeURIComponent(customer.id) + '/owner-history');
    historyBox.innerHTML = '';
    historyBox.appendChild(answer.ok ? historyTable(answer.json) : errorList(answer.json));
  };
  const form = el('form', {class: 'leadtocash-team-form', 'data-form': 'transfer', 'data-customer': customer.id},
    el('h4', {}, t('transferTitle') + ' ' + customer.companyName + ' (' + t('owner') + ': ' + (customer.ownerId || '—') + ')'),
    el('div', {class: 'form-group'}, el('label', {for: 'leadtocash-owner-ownerId'}, t('ownerId')), owner),
    el('div', {class: 'form-group'}, el('label', {for: 'leadtocash-owner-reason'}, t('reason')), reason),
    el('button', {type: 'submit', class: 'btn btn-primary', 'data-action': 'confirm-transfer'}, t('confirmTransfer')), ' ',
    el('button', {type: 'button', class: 'btn btn-default', onclick: () => (box.innerHTML = '')}, t('cancel')),
    outcome, historyBox);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await call('POST', '/api/team/customers/' + encodeURIComponent(customer.id) + '/owner',
      {ownerId: owner.value || null, reason: reason.value.trim() || null});
    outcome.innerHTML = '';
    if (!answer.ok) {
      outcome.setAttribute('data-outcome', 'refused');
      outcome.appendChild(errorList(answer.json));
      return;
    }
    outcome.setAttribute('data-outcome', 'transferred');
    outcome.appendChild(el('p', {class: 'text-success'}, t('transferred') + ': ' + customer.companyName + ' → ' + answer.json.ownerId));
    await showHistory();
    await refresh();
  });
  box.innerHTML = '';
  box.appendChild(form);
  await showHistory();
}

function ownerSection(page) {
  const q = el('input', {class: 'form-control', name: 'q', placeholder: t('q')});
  const results = el('div', {class: 'leadtocash-owner-results'});
  const transferBox = el('div', {class: 'leadtocash-owner-transfer'});
  const search = async () => {
    const answer = await call('GET', '/api/team/customers?q=' + encodeURIComponent(q.value.trim()));
    results.innerHTML = '';
    if (!answer.ok) {
      results.appendChild(errorList(answer.json));
      return;
    }
    results.setAttribute('data-found', String(answer.json.length));
    if (!answer.json.length) {
      results.appendChild(el('p', {}, t('noCustomers')));
      return;
    }
    results.appendChild(el('table', {class: 'table table-striped leadtocash-owner-customers'},
      el('thead', {}, el('tr', {}, ['companyName', 'creditCode', 'storeTier', 'owner', 'ownedSince', ''].map(h => el('th', {}, h ? t(h) : '')))),
      el('tbody', {}, answer.json.map(c => el('tr', {'data-customer': c.id, 'data-credit-code': c.creditCode, 'data-owner': c.ownerId || ''},
        el('td', {}, c.companyName), el('td', {}, c.creditCode), el('td', {}, c.storeTier || '—'), el('td', {}, c.ownerId || '—'),
        el('td', {}, when(c.ownedSince)),
        el('td', {}, el('button', {type: 'button', class: 'btn btn-xs btn-default', 'data-action': 'pick-customer',
          onclick: () => transferForm(page, c, transferBox, search)}, t('pick'))))))));
  };
  const form = el('form', {class: 'form-inline leadtocash-owner-search'}, q, ' ',
    el('button', {type: 'submit', class: 'btn btn-default', 'data-action': 'search-customers'}, t('search')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    search();
  });
  return el('section', {class: 'leadtocash-owner'}, el('h3', {}, t('ownerTitle')), el('p', {class: 'help-block'}, t('ownerHelp')),
    form, results, transferBox);
}

function renderPage(node) {
  const page = {members: [], regions: []};
  const membersBox = el('div', {});
  const formBox = el('div', {class: 'leadtocash-team-form-box'});
  const regionsBox = el('div', {});
  page.showForm = form => {
    formBox.innerHTML = '';
    formBox.appendChild(form || memberForm(page, null));
  };
  page.reloadMembers = async () => {
    const answer = await call('GET', '/api/team/members');
    membersBox.innerHTML = '';
    if (!answer.ok) {
      membersBox.appendChild(errorList(answer.json));
      return;
    }
    page.members = answer.json;
    membersBox.appendChild(membersTable(page));
    membersBox.setAttribute('data-loaded', String(page.members.length));
  };
  page.reloadRegions = async () => {
    const answer = await call('GET', '/api/team/regions');
    if (answer.ok) {
      page.regions = answer.json;
    }
    regionsBox.innerHTML = '';
    regionsBox.appendChild(regionsSection(page));
  };
  node.appendChild(el('div', {class: 'leadtocash-team'},
    el('h2', {}, t('title')), el('p', {}, t('intro')),
    el('h3', {}, t('members')), membersBox, formBox, importSection(page), ownerSection(page), regionsBox));
  page.reloadRegions().then(() => page.showForm(null)).then(() => page.reloadMembers());
}

export default [{
  id: 'leadtocash-sales-team-route',
  pluginPoint: 'admin.route',
  properties: {path: '/sales-team', label: '销售团队 Sales team'},
  render(node) {
    renderPage(node);
  }
}, {
  id: 'leadtocash-sales-team-section',
  pluginPoint: 'admin.dashboard.section',
  priority: 100,
  properties: {label: chosenLocale() === 'en' ? 'Sales team' : '销售团队', pagePath: '#/sales-team'},
  render(node) {
    node.appendChild(el('p', {}, t('intro')));
    node.appendChild(el('a', {href: '#/sales-team', class: 'leadtocash-sales-team-link'}, t('open')));
  }
}];

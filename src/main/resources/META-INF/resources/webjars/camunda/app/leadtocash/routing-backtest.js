// Lead-to-Cash: 路由回测 Routing backtest in Cockpit, where a regional director or admin deploys tables. Before deploying
// a changed lead-routing.dmn from Modeler, the owner uploads it here, picks the last N days, and sees every lead of that
// window whose team or preferred reps the new table would change, with the rule before and after, and the count.
// The page posts to /api/routing/backtest with the Cockpit login (the session cookie and the webapps' CSRF token, no
// second Basic prompt); the server evaluates the table read-only in FEEL. The header entry appears only for users the
// API lets backtest (GET /api/routing/backtest/limits answers 403 to everyone else). Loaded by cockpit/scripts/config.js.
const PATH = '/routing-backtest';

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (e.className = v) : e.setAttribute(k, v)));
  children.flat().forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return e;
}

/** Read at request time: the token changes when the user logs in again. */
function csrfToken(api) {
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : (api && api.CSRFToken) || '';
}

/** With X-Requested-With, a 401 comes without a Basic challenge: never a browser login popup. */
const HEADERS = {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'};

async function limits() {
  const response = await fetch('/api/routing/backtest/limits', {credentials: 'same-origin', headers: HEADERS});
  return response.ok ? response.json() : null;
}

function routing(r) {
  if (!r || !r.ruleId) {
    return el('span', {class: 'text-muted'}, '无匹配规则 No rule matched');
  }
  return el('div', {},
    el('div', {}, el('strong', {}, r.ruleName || r.ruleId), ' ', el('code', {}, r.ruleId)),
    el('div', {}, '团队 Team: ' + (r.team || '—') + ' · 优先销售 Preferred: ' + ((r.preferredReps || []).join(', ') || '—')),
    r.ruleAnnotation ? el('div', {class: 'text-muted small'}, r.ruleAnnotation) : []);
}

function report(result, body) {
  result.appendChild(el('p', {class: 'leadtocash-backtest-summary', 'data-changed-count': String(body.changedCount),
    'data-leads-evaluated': String(body.leadsEvaluated)},
  `最近 ${body.days} 天 last ${body.days} days: ${body.leadsEvaluated} 条线索 leads evaluated` + (body.leadsCapped ? '（已截断 capped）' : '')
    + `，规则 ${body.rules} rules；将改变 would change: `, el('strong', {}, String(body.changedCount))));
  if (!body.changed.length) {
    result.appendChild(el('div', {class: 'alert alert-success'}, '新规则不会改变任何线索的分配 The new table routes every lead as before.'));
    return;
  }
  const rows = body.changed.map(c => el('tr', {'data-lead-id': c.leadId},
    el('td', {}, el('code', {}, c.leadId)), el('td', {}, (c.createdAt || '').slice(0, 10)), el('td', {}, c.source || '—'),
    el('td', {}, c.region || '—'), el('td', {}, c.budgetCny == null ? '—' : String(c.budgetCny)), el('td', {}, c.assignee || '—'),
    el('td', {'data-rule-before': (c.before && c.before.ruleId) || ''}, routing(c.before)),
    el('td', {'data-rule-after': (c.after && c.after.ruleId) || ''}, routing(c.after))));
  result.appendChild(el('div', {style: 'overflow-x:auto'}, el('table', {class: 'table table-condensed leadtocash-backtest-changes'},
    el('thead', {}, el('tr', {}, ['线索 Lead', '创建 Created', '来源 Source', '区域 Region', '预算 Budget (CNY)', '当前负责 Current rep',
      '现行规则 Rule now', '新规则 New rule'].map(h => el('th', {}, h)))),
    el('tbody', {}, rows))));
}

function problem(result, status, body) {
  const errors = body && body.errors ? body.errors : [];
  result.appendChild(el('div', {class: 'alert alert-danger leadtocash-backtest-error', 'data-status': String(status)},
    status === 403 ? '只有区域总监和管理员可以回测路由规则 Only regional directors and admins may backtest routing.'
      : `回测未运行 The backtest did not run (${status})` + (body && body.detail ? ': ' + body.detail : ''),
    errors.map(e => el('div', {'data-field': e.field, 'data-rule': e.rule}, `${e.field} [${e.rule}]: ${e.message}`))));
}

function page(node, api, bounds) {
  const file = el('input', {type: 'file', accept: '.dmn,.xml', name: 'file', class: 'form-control'});
  const days = el('input', {type: 'number', name: 'days', min: '1', max: String(bounds.maxDays), value: '30', class: 'form-control',
    style: 'max-width:120px'});
  const run = el('button', {type: 'button', class: 'btn btn-primary', 'data-action': 'run-backtest'}, '运行回测 Run backtest');
  const result = el('div', {class: 'leadtocash-backtest-result', 'aria-live': 'polite'});
  node.appendChild(el('div', {class: 'leadtocash-backtest', style: 'padding:16px;max-width:1200px'},
    el('h2', {}, '路由回测 Routing backtest'),
    el('p', {}, '部署修改后的线索分配表之前，用最近 N 天的真实线索试算：列出团队或优先销售会改变的线索及前后命中的规则。不部署、不修改任何数据。'
      + ' Before deploying a changed lead-routing.dmn, run it against the leads of the last N days: every lead whose team or'
      + ' preferred reps would change, with the rule now and the new rule. Nothing is deployed or changed.'),
    el('p', {class: 'text-muted small'}, `仅 FEEL；最多 ${Math.round(bounds.maxBytes / 1024)} KB、${bounds.maxRules} 条规则、${bounds.maxDays} 天、`
      + `${bounds.maxLeads} 条线索 FEEL only; at most ${Math.round(bounds.maxBytes / 1024)} KB, ${bounds.maxRules} rules, ${bounds.maxDays} days,`
      + ` ${bounds.maxLeads} leads.`),
    el('div', {class: 'form-group'}, el('label', {}, '分配表文件 Routing table (lead-routing.dmn)'), file),
    el('div', {class: 'form-group'}, el('label', {}, '天数 Days'), days),
    run, result));
  run.addEventListener('click', async () => {
    result.textContent = '';
    if (!file.files.length) {
      result.appendChild(el('div', {class: 'alert alert-warning'}, '请选择 DMN 文件 Choose the DMN file.'));
      return;
    }
    run.disabled = true;
    const form = new FormData();
    form.append('file', file.files[0]);
    try {
      const response = await fetch('/api/routing/backtest?days=' + encodeURIComponent(days.value), {method: 'POST', body: form,
        credentials: 'same-origin', headers: Object.assign({'X-XSRF-TOKEN': csrfToken(api)}, HEADERS)});
      const body = await response.json().catch(() => null);
      if (response.ok && body) {
        report(result, body);
      } else {
        problem(result, response.status, body);
      }
    } catch (e) {
      problem(result, 0, null);
    } finally {
      run.disabled = false;
    }
  });
}

export default [{
  id: 'leadtocash-routing-backtest-nav',
  pluginPoint: 'cockpit.navigation',
  priority: 5,
  properties: {path: PATH},
  render(node) {
    limits().then(bounds => {
      if (bounds) {
        node.appendChild(el('a', {href: '#' + PATH, class: 'leadtocash-routing-backtest-open'}, '路由回测 Routing backtest'));
      }
    }).catch(() => {});
  }
}, {
  id: 'leadtocash-routing-backtest-page',
  pluginPoint: 'cockpit.route',
  properties: {path: PATH, label: '路由回测 Routing backtest'},
  render(node, {api}) {
    limits().then(bounds => {
      if (bounds) {
        page(node, api, bounds);
      } else {
        problem(node, 403, null);
      }
    }).catch(() => problem(node, 0, null));
  }
}];

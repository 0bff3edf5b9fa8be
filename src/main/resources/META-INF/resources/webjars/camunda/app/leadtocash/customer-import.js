// Lead-to-Cash: "客户导入 Import customers" in Tasklist's header, where sales managers already work. A manager picks
// the CSV of an existing customer book (Excel's UTF-8 or GBK), the panel posts it to /api/customers/import with the
// Tasklist login (and the webapps' CSRF token) and shows the answer line by line: the file line, the credit code, what
// happened, and for a refused line every field with the rule it broke. Exactly the valid lines are stored; importing
// the same file again changes nothing. Loaded as a custom script by tasklist/scripts/config.js.
const COLUMNS = '统一社会信用代码, 名称, 类型, 法定代表人, 注册资本(万元), 成立日期, 住所, 经营范围, 门店等级, 负责销售(可选)';
const OUTCOME = {CREATED: '新建 Created', UPDATED: '已更新 Updated', UNCHANGED: '无变化 Unchanged', INVALID: '未导入 Refused'};

function element(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  children.flat().forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return e;
}

function csrfToken(api) {
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : (api && api.CSRFToken) || '';
}

function report(result, body) {
  const s = body.summary;
  result.appendChild(element('p', {'data-summary': JSON.stringify(s)},
    `${s.lines} 行 lines：新建 created ${s.created}，更新 updated ${s.updated}，无变化 unchanged ${s.unchanged}，未导入 refused ${s.invalid}`));
  const rows = body.lines.map(l => element('tr', {'data-line': String(l.lineNo), 'data-outcome': l.outcome},
    element('td', {}, String(l.lineNo)), element('td', {}, l.creditCode || '—'), element('td', {}, l.companyName || '—'),
    element('td', {}, OUTCOME[l.outcome] || l.outcome),
    element('td', {}, l.errors.map(e => element('div', {'data-field': e.field, 'data-rule': e.rule}, `${e.field} [${e.rule}]: ${e.message}`)))));
  result.appendChild(element('div', {style: 'overflow-x:auto'}, element('table', {class: 'table table-condensed leadtocash-import-lines'},
    element('thead', {}, element('tr', {}, ['行 Line', '统一社会信用代码 Credit code', '名称 Name', '结果 Outcome', '问题 Problems']
      .map(h => element('th', {}, h)))), element('tbody', {}, rows))));
}

function problem(result, status, body) {
  const errors = body && body.errors ? body.errors : [];
  result.appendChild(element('div', {class: 'alert alert-danger', 'data-status': String(status)},
    status === 403 ? '只有销售经理、区域总监和管理员可以导入客户 Only sales managers, directors and admins import customers.'
      : `文件未导入，未保存任何数据 The file was refused; nothing was stored (${status}).`,
    errors.map(e => element('div', {'data-field': e.field, 'data-rule': e.rule}, `${e.field} [${e.rule}]: ${e.message}`))));
}

function panel(api) {
  const close = element('button', {type: 'button', class: 'btn btn-link', 'data-action': 'close'}, '关闭 Close');
  const file = element('input', {type: 'file', accept: '.csv,text/csv', name: 'file', class: 'form-control'});
  const submit = element('button', {type: 'button', class: 'btn btn-primary', 'data-action': 'import'}, '导入 Import');
  const result = element('div', {class: 'leadtocash-import-result', 'aria-live': 'polite'});
  const box = element('div', {class: 'leadtocash-customer-import-panel', role: 'dialog', 'aria-label': '客户导入 Import customers',
    style: 'position:fixed;top:60px;left:50%;transform:translateX(-50%);width:min(960px,96vw);max-height:85vh;overflow:auto;'
      + 'z-index:2000;background:#fff;border:1px solid #ccc;border-radius:4px;padding:16px;box-shadow:0 4px 16px rgba(0,0,0,.25)'},
  element('h3', {}, '客户导入 Import customers'),
  element('p', {}, 'CSV（UTF-8 或 GBK），第一行为表头 first line is the header: ', element('code', {}, COLUMNS)),
  element('p', {}, '门店等级为返利政策中的代码（如 KA、CHAIN、COMMUNITY）；有效行保存，无效行逐行说明原因；同一文件可重复导入。'
    + ' Store tier is a code of the rebate policy; valid lines are stored, refused lines are explained; re-importing is safe.'),
  file, element('div', {style: 'margin-top:8px'}, submit, close), result);
  close.addEventListener('click', () => box.remove());
  submit.addEventListener('click', async () => {
    result.textContent = '';
    if (!file.files.length) {
      result.appendChild(element('div', {class: 'alert alert-warning'}, '请选择CSV文件 Choose the CSV file.'));
      return;
    }
    submit.disabled = true;
    const form = new FormData();
    form.append('file', file.files[0]);
    try {
      const response = await fetch('/api/customers/import', {method: 'POST', body: form, credentials: 'same-origin',
        headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': csrfToken(api)}});
      const body = await response.json().catch(() => null);
      if (response.ok && body) {
        report(result, body);
      } else {
        problem(result, response.status, body);
      }
    } catch (e) {
      problem(result, 0, null);
    } finally {
      submit.disabled = false;
    }
  });
  return box;
}

let lastApi = null;

// one listener for the whole page: Tasklist may re-create the header's nodes, so the link carries no listener itself
document.addEventListener('click', event => {
  const open = event.target && event.target.closest ? event.target.closest('.leadtocash-customer-import-open') : null;
  if (!open) {
    return;
  }
  event.preventDefault();
  if (!document.querySelector('.leadtocash-customer-import-panel')) {
    document.body.appendChild(panel(lastApi));
  }
});

export default {
  id: 'leadtocash-customer-import',
  pluginPoint: 'tasklist.navbar.action',
  priority: 50,
  render(node, {api}) {
    lastApi = api;
    node.appendChild(element('a', {href: '#', class: 'leadtocash-customer-import-open', role: 'button'}, '客户导入 Import customers'));
  }
};

// Lead-to-Cash: 公司信息 Company profile in Camunda Admin, for camunda-admin members: a box on Admin's dashboard
// that says whether the profile is complete and what is missing, and a "System" settings section with the form —
// seller name, taxpayer id, address and phone, bank and account, the quote PDF's watermark and logo. Quote PDFs,
// invoice requests and U8 hand-offs are refused until the required fields are set. Reads and writes
// /api/company-profile with the Admin login (writes carry the webapps' CSRF token). Loaded by admin/scripts/config.js.
import {chosenLocale} from './locale.js';

const API = '/api/company-profile';
const SECTION_ID = 'leadtocash-company-profile';
const FIELDS = [
  {key: 'sellerName', zh: '销方名称', en: 'Seller name', required: true, max: 100, hint: '上海云帆智能科技有限公司'},
  {key: 'taxNumber', zh: '纳税人识别号', en: 'Taxpayer ID', required: true, max: 18, hint: '18 位统一社会信用代码 18-character credit code'},
  {key: 'addressPhone', zh: '地址电话', en: 'Address and phone', required: true, max: 200, hint: '上海市浦东新区… 021-…'},
  {key: 'bankName', zh: '开户行', en: 'Bank name', required: true, max: 100, hint: '中国工商银行上海张江支行'},
  {key: 'bankAccount', zh: '银行账号', en: 'Bank account', required: true, max: 40, hint: '1001 2345 6789 0123 456'},
  {key: 'watermark', zh: '报价单水印文字', en: 'Quote PDF watermark', required: false, max: 40, hint: ''}
];

/** Chinese first, then English ("公司信息 Company profile"); English only when the user chose English. */
function t(zh, en) {
  return chosenLocale() === 'en' ? en : zh + ' ' + en;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') {
      e.className = v;
    } else if (v !== undefined && v !== null && v !== false) {
      e.setAttribute(k, v === true ? '' : v);
    }
  });
  children.flat().forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return e;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** With X-Requested-With, an /api 401 comes without a Basic challenge: no browser login popup. */
async function call(method, url, body, contentType) {
  const headers = {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch(url, {method, credentials: 'same-origin', headers, body});
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  return {ok: response.ok, status: response.status, json};
}

function missingList(profile) {
  const missing = profile.missing || [];
  if (!missing.length) {
    return el('p', {class: 'leadtocash-company-complete', 'data-complete': 'true'},
      t('公司信息完整：报价单、开票申请和用友U8传递可以使用。', 'The company profile is complete: quote PDFs, invoice requests and U8 hand-offs can run.'));
  }
  return el('div', {class: 'leadtocash-company-missing alert alert-warning', 'data-complete': 'false'},
    el('strong', {}, t('公司信息不完整，以下步骤会被拒绝：报价单 PDF、开票申请、用友U8传递。缺少：',
      'The company profile is incomplete; quote PDFs, invoice requests and U8 hand-offs are refused. Missing:')),
    el('ul', {}, missing.map(m => el('li', {'data-field': m.field}, t(m.zh, m.en)))));
}

function demoNote(profile) {
  return profile.demo
    ? el('p', {class: 'leadtocash-company-demo alert alert-info', 'data-demo': 'true'},
      t('这是演示数据（虚构的公司），正式使用前请替换为贵公司的信息。', 'This is demo data (an invented company): replace it with your company before real use.'))
    : el('span');
}

function showErrors(form, errors) {
  form.querySelectorAll('.leadtocash-company-error').forEach(e => (e.textContent = ''));
  (errors || []).forEach(err => {
    const slot = form.querySelector('.leadtocash-company-error[data-error-for="' + err.field + '"]')
      || form.querySelector('.leadtocash-company-error[data-error-for="form"]');
    slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + err.message + ' [' + err.rule + ']';
  });
}

function logoBlock(profile, state) {
  const box = el('div', {class: 'form-group leadtocash-company-logo'},
    el('label', {for: 'leadtocash-company-logo-file'}, t('徽标（PNG/JPEG，最大 512 KB，可选）', 'Logo (PNG/JPEG, at most 512 KB, optional)')));
  if (profile.logo) {
    box.appendChild(el('div', {},
      el('img', {src: API + '/logo?v=' + encodeURIComponent(profile.updatedAt || ''), alt: t('徽标', 'Logo'),
        class: 'leadtocash-company-logo-preview', 'data-logo-bytes': String(profile.logo.bytes)}),
      el('button', {type: 'button', class: 'btn btn-default leadtocash-company-logo-remove'}, t('删除徽标', 'Remove logo'))));
  }
  const file = el('input', {type: 'file', id: 'leadtocash-company-logo-file', name: 'logo', accept: 'image/png,image/jpeg'});
  box.appendChild(file);
  box.appendChild(el('button', {type: 'button', class: 'btn btn-default leadtocash-company-logo-upload'}, t('上传徽标', 'Upload logo')));
  box.appendChild(el('div', {class: 'leadtocash-company-error text-danger', 'data-error-for': 'logo'}));
  box.appendChild(el('div', {class: 'leadtocash-company-error text-danger', 'data-error-for': 'file'}));
  const upload = box.querySelector('.leadtocash-company-logo-upload');
  upload.addEventListener('click', async () => {
    if (!file.files.length) {
      box.querySelector('[data-error-for=logo]').textContent = t('请先选择图片文件。', 'Choose an image file first.');
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    const result = await call('PUT', API + '/logo', data);
    state.after(result, 'logo');
  });
  const remove = box.querySelector('.leadtocash-company-logo-remove');
  if (remove) {
    remove.addEventListener('click', async () => state.after(await call('DELETE', API + '/logo'), 'logo'));
  }
  return box;
}

function renderForm(node, profile, message) {
  node.innerHTML = '';
  const root = el('div', {class: 'leadtocash-company', 'data-loaded': 'true'});
  root.appendChild(el('h3', {}, t('公司信息', 'Company profile')));
  root.appendChild(el('p', {class: 'text-muted'}, t('打印在报价单上、写入开票申请并传给用友U8的本公司信息。',
    'Our company as printed on quotes, written into invoice requests and sent to Yonyou U8.')));
  root.appendChild(demoNote(profile));
  root.appendChild(missingList(profile));
  if (message) {
    root.appendChild(el('p', {class: 'leadtocash-company-saved alert alert-success', 'data-saved': 'true'}, message));
  }
  const form = el('form', {class: 'leadtocash-company-form', name: 'companyProfile', novalidate: true});
  FIELDS.forEach(f => {
    const id = 'leadtocash-company-' + f.key;
    form.appendChild(el('div', {class: 'form-group'},
      el('label', {for: id}, t(f.zh, f.en) + (f.required ? ' *' : '')),
      el('input', {type: 'text', class: 'form-control', id, name: f.key, maxlength: String(f.max),
        placeholder: f.hint, value: profile[f.key] || ''}),
      el('div', {class: 'leadtocash-company-error text-danger', 'data-error-for': f.key})));
  });
  form.appendChild(el('div', {class: 'leadtocash-company-error text-danger', 'data-error-for': 'form'}));
  form.appendChild(el('button', {type: 'submit', class: 'btn btn-primary leadtocash-company-save'}, t('保存', 'Save')));
  const state = {
    after(result, what) {
      if (result.ok) {
        renderForm(node, result.json, what === 'logo' ? t('徽标已保存。', 'Logo saved.') : t('已保存。', 'Saved.'));
      } else {
        showErrors(node, result.json && result.json.errors ? result.json.errors
          : [{field: what === 'logo' ? 'logo' : 'form', rule: String(result.status), message: (result.json && (result.json.detail || result.json.title)) || 'HTTP ' + result.status}]);
      }
    }
  };
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    FIELDS.forEach(f => (body[f.key] = form.elements[f.key].value));
    state.after(await call('PUT', API, JSON.stringify(body), 'application/json'), 'form');
  });
  root.appendChild(form);
  root.appendChild(logoBlock(profile, state));
  node.appendChild(root);
}

async function load(node, render) {
  const result = await call('GET', API);
  if (!result.ok) {
    node.textContent = result.status === 403
      ? t('只有管理员（camunda-admin）可以查看和修改公司信息。', 'Only administrators (camunda-admin) read and change the company profile.')
      : t('公司信息无法读取', 'The company profile cannot be read') + ' (HTTP ' + result.status + ')';
    return;
  }
  render(node, result.json);
}

function renderSummary(node, profile) {
  node.innerHTML = '';
  const box = el('div', {class: 'leadtocash-company-summary', 'data-loaded': 'true'});
  box.appendChild(demoNote(profile));
  box.appendChild(missingList(profile));
  box.appendChild(el('a', {href: '#/system?section=' + SECTION_ID, class: 'leadtocash-company-edit'},
    t('编辑公司信息', 'Edit the company profile')));
  node.appendChild(box);
}

export default [{
  id: SECTION_ID,
  pluginPoint: 'admin.system',
  priority: 10,
  label: t('公司信息', 'Company profile'),
  render(node) {
    load(node, renderForm);
  }
}, {
  id: SECTION_ID + '-dashboard',
  pluginPoint: 'admin.dashboard.section',
  priority: 5,
  label: t('公司信息', 'Company profile'),
  pagePath: '#/system?section=' + SECTION_ID,
  render(node) {
    load(node, renderSummary);
  }
}];

// Lead-to-Cash: the sales KPI board on Cockpit's dashboard for managers and directors — who may use Cockpit is
// decided by Camunda's authorizations, and each figure comes from /api/kpi/* with the user's Cockpit login, which
// checks the user's groups again. First contact within 4 h with the source's 51 % before / 93 % after and the
// 89 % industry line, per rep, per source and per week; legal return rate, contract handling time, invoicing error
// rate and process compliance against 95 % (R-16, R-32); payment cycle, dwell per node and blocker causes;
// overdue follow-ups per team with the 25 % line; contact time against 65 % and captured records;
// policy roll-outs against 72 h.
// Each section links to its process's instances in Cockpit. Loaded by cockpit/scripts/config.js.
const SVG = 'http://www.w3.org/2000/svg';
const PROCESS_OF_SECTION = {leads: 'LeadRoutingProcess', contracts: 'QuoteToInvoiceProcess', payments: 'PaymentJourneyProcess',
  followUp: 'CustomerFollowUpProcess', contact: 'LeadRoutingProcess', policies: 'PolicyRolloutProcess'};

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (e.className = v) : e.setAttribute(k, v)));
  children.flat().forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  return e;
}

function today() {
  return new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai'}).format(new Date());
}

function addDays(isoDate, days) {
  const d = new Date(isoDate + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function percent(share) {
  return share === null || share === undefined ? '—' : (Number(share) * 100).toFixed(1) + ' %';
}

function number(value, unit) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(1) + ' ' + unit;
}

/**
 * A median the API knows to its bucket: at most the bucket's upper edge. Whole minutes are shown as they come; hours and
 * days with one decimal, as the board's other figures.
 */
function atMost(value, unit) {
  if (value === null || value === undefined) {
    return '—';
  }
  return '≤ ' + (unit.startsWith('分钟') ? Number(value).toFixed(0) + ' ' + unit : number(value, unit));
}

/** With X-Requested-With, an /api 401 (e.g. before the login) comes without a Basic challenge: no browser login popup. */
async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
  if (!response.ok) {
    throw new Error(url + ' → ' + response.status);
  }
  return response.json();
}

/**
 * The board is for managers and directors: Cockpit also lets finance in (to open a payment journey from its breaker
 * alert), and the contract figures answer 403 to everyone but overseers, so the board shows only where they are readable.
 */
async function forOverseers() {
  const day = today();
  const response = await fetch('/api/kpi/contracts?from=' + day + '&to=' + day,
    {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
  return response.status !== 403;
}

/** One figure: a label, the value as shown and, in data-value, as the API gave it. */
function figure(key, label, value, shown, note) {
  return el('div', {class: 'leadtocash-kpi-figure', 'data-kpi': key, 'data-value': value === null || value === undefined ? '' : String(value)},
    el('div', {class: 'leadtocash-kpi-value'}, shown), el('div', {class: 'leadtocash-kpi-label'}, label),
    note ? el('div', {class: 'leadtocash-kpi-note'}, note) : []);
}

/** Horizontal bars, 0..max, with optional reference lines (e.g. the 89 % industry line). */
function bars(key, rows, max, format, references) {
  const width = 420;
  const labelWidth = 150;
  const row = 22;
  const chart = svg('svg', {width: String(width + labelWidth + 90), height: String(rows.length * row + 18), 'data-chart': key,
    role: 'img'});
  rows.forEach((r, i) => {
    const y = i * row + 14;
    const label = svg('text', {x: '0', y: String(y + 11), 'font-size': '12'});
    label.textContent = r.label;
    chart.appendChild(label);
    const w = max > 0 && r.value != null && !isNaN(Number(r.value)) ? Math.max(1, (Number(r.value) / max) * width) : 0;
    chart.appendChild(svg('rect', {x: String(labelWidth), y: String(y), width: String(w), height: '14', fill: '#4a90c2',
      'data-label': r.label, 'data-value': r.value == null ? '' : String(r.value)}));
    const text = svg('text', {x: String(labelWidth + w + 4), y: String(y + 11), 'font-size': '12'});
    text.textContent = format(r.value);
    chart.appendChild(text);
  });
  (references || []).forEach(ref => {
    const x = labelWidth + (ref.value / max) * width;
    chart.appendChild(svg('line', {x1: String(x), x2: String(x), y1: '10', y2: String(rows.length * row + 16), stroke: ref.color,
      'stroke-dasharray': '4 3'}));
    const before = ref.anchor === 'end';
    const text = svg('text', {x: String(before ? x - 2 : x + 2), y: '9', 'font-size': '10', fill: ref.color,
      'text-anchor': before ? 'end' : 'start'});
    text.textContent = ref.label;
    chart.appendChild(text);
  });
  return chart;
}

async function instancesLink(api, key) {
  try {
    const definition = await getJson(api.baseApi + '/engine/' + api.engineName + '/process-definition/key/' + key);
    return el('a', {href: '#/process-definition/' + definition.id + '/runtime', class: 'leadtocash-kpi-instances'}, '查看流程实例 Instances →');
  } catch (e) {
    return el('span', {});
  }
}

async function section(api, name, title, build) {
  const box = el('section', {class: 'leadtocash-kpi-section', 'data-section': name}, el('h4', {}, title));
  try {
    box.appendChild(await build());
    box.appendChild(await instancesLink(api, PROCESS_OF_SECTION[name]));
  } catch (e) {
    box.appendChild(el('div', {class: 'leadtocash-kpi-error'}, '无法读取 Cannot read: ' + e.message));
  }
  return box;
}

async function leadSection(range) {
  const report = await getJson('/api/kpi/leads/first-contact?from=' + range.from + '&to=' + range.to);
  const hours = Number(report.slaMinutes) / 60;
  const refs = [{value: 0.51, label: '51% 改进前', color: '#999'}, {value: 0.89, label: '89% 行业', color: '#e08a00', anchor: 'end'},
    {value: 0.93, label: '93% 目标', color: '#2a8a2a'}];
  const weeks = [];
  for (let end = range.to; end >= range.from && weeks.length < 8; end = addDays(end, -7)) {
    const start = addDays(end, -6) < range.from ? range.from : addDays(end, -6);
    weeks.unshift({from: start, to: end});
  }
  const weekly = await Promise.all(weeks.map(w => getJson('/api/kpi/leads/first-contact?from=' + w.from + '&to=' + w.to)
    .then(r => ({label: w.from.slice(5) + '–' + w.to.slice(5), value: r.overall.shareWithinSla}))));
  return el('div', {},
    el('div', {class: 'leadtocash-kpi-figures'},
      figure('firstContactShare', hours + ' 小时内首次联系 First contact within ' + hours + ' h', report.overall.shareWithinSla,
        percent(report.overall.shareWithinSla), '改进前 51 % · 目标 93 % · 行业 89 %'),
      figure('firstContactMedian', '首次联系中位数 Median to first contact', report.overall.medianMinutesToFirstContact,
        atMost(report.overall.medianMinutesToFirstContact, '分钟 min'), report.overall.leads + ' 条线索 leads')),
    el('h5', {}, '按周 Per week'), bars('firstContactPerWeek', weekly, 1, percent, refs),
    el('h5', {}, '按销售 Per rep'),
    bars('firstContactPerRep', report.byRep.map(f => ({label: f.group, value: f.shareWithinSla})), 1, percent, refs),
    el('h5', {}, '按来源 Per source'),
    bars('firstContactPerSource', report.bySource.map(f => ({label: f.group, value: f.shareWithinSla})), 1, percent, refs),
    el('h5', {}, '按区域 Per region'),
    bars('firstContactPerRegion', report.byRegion.map(f => ({label: f.group, value: f.shareWithinSla})), 1, percent, refs));
}

async function contractSection(range) {
  const r = await getJson('/api/kpi/contracts?from=' + range.from + '&to=' + range.to);
  return el('div', {class: 'leadtocash-kpi-figures'},
    figure('legalReturnRate', '法务退回率 Legal return rate', r.legalReturnRate, percent(r.legalReturnRate), '改进前 31 % → 2.4 %'),
    figure('contractHandlingHours', '合同处理时长 Contract handling', r.averageHandlingHours, number(r.averageHandlingHours, '小时'),
      '4.7 → 1.2 小时 · 中位数 ' + atMost(r.medianHandlingHours, '小时')),
    figure('invoicingErrorRate', '开票错误率 Invoicing errors', r.invoicingErrorRate, percent(r.invoicingErrorRate), '7.3 % → 0.2 %'),
    figure('complianceRate', '流程合规率 Compliance', r.compliance.complianceRate, percent(r.compliance.complianceRate), '目标 ≥ 95 %'));
}

async function paymentSection(range) {
  const r = await getJson('/api/kpi/payments?from=' + range.from + '&to=' + range.to);
  const maxDwell = Math.max(1, ...r.dwellByNode.map(n => Number(n.averageHours || 0)));
  return el('div', {},
    el('div', {class: 'leadtocash-kpi-figures'},
      figure('paymentCycleDays', '平均回款周期 Payment cycle', r.cycle.averageDays, number(r.cycle.averageDays, '天'),
        '128 → 89 天 · 中位数 ' + atMost(r.cycle.medianDays, '天'))),
    el('h5', {}, '各节点停留 Dwell per node (平均小时)'),
    bars('dwellPerNode', r.dwellByNode.map(n => ({label: n.nodeLabel.split(' ')[0], value: n.averageHours})), maxDwell,
      v => number(v, '小时')),
    el('h5', {}, '卡点原因排行 Blocker causes'),
    bars('blockerCauses', r.blockerCauses.map(c => ({label: c.label.split(' ')[0], value: c.share})), 1, percent));
}

/** overdue follow-up ratio now, company and per team, with the 25 % line and each team's stronger-reminder switch. */
async function followUpSection() {
  const r = await getJson('/api/kpi/follow-up');
  const line = [{value: 0.25, label: '25% 加强提醒 stronger reminders', color: '#c0392b'}];
  return el('div', {},
    el('div', {class: 'leadtocash-kpi-figures'},
      figure('overdueFollowUpRatio', '跟进逾期率 Overdue follow-ups', r.company ? r.company.overdueRatio : null,
        percent(r.company ? r.company.overdueRatio : null),
        (r.company ? r.company.overdueCustomers + ' / ' + r.company.customers : '—') + ' 客户 customers · 截至 as of ' + r.asOf)),
    el('h5', {}, '按团队 Per team (● 加强提醒已开 stronger reminders on)'),
    bars('overduePerTeam', (r.teams || []).map(t => ({label: (t.strongerReminders ? '● ' : '') + t.team, value: t.overdueRatio})), 1,
      percent, line),
    el('h5', {}, '按销售 Per rep'),
    bars('overduePerRep', (r.reps || []).map(f => ({label: f.repName || f.repId, value: f.overdueRatio})), 1, percent, line));
}

/** each rep's effective contact-time share against 65 % / 50 %, and contact records captured vs typed. */
async function contactSection(range) {
  const [time, capture] = await Promise.all([getJson('/api/kpi/contact-time?from=' + range.from + '&to=' + range.to),
    getJson('/api/kpi/contact-capture?from=' + range.from + '&to=' + range.to)]);
  const lines = [{value: 0.5, label: '50%', color: '#c0392b'}, {value: 0.65, label: '65% 健康 healthy', color: '#2a8a2a'}];
  return el('div', {},
    el('div', {class: 'leadtocash-kpi-figures'},
      figure('capturedShare', '自动采集占比 Captured, not typed', capture.overall.capturedShare, percent(capture.overall.capturedShare),
        capture.overall.captured + ' / ' + capture.overall.records + ' 条记录 records')),
    el('h5', {}, '有效沟通时长占比 Effective contact time per rep'),
    bars('contactTimePerRep', (time.reps || []).map(f => ({label: f.repId, value: f.total.share})), 1, percent, lines));
}

/** hours from publication to the first deal per policy roll-out, against the 72 h benchmark. */
async function policySection() {
  const r = await getJson('/api/kpi/policy-rollouts');
  const max = Math.max(Number(r.benchmarkHours) * 1.5, ...r.rollouts.map(p => Number(p.firstDealHours || 0)));
  return el('div', {},
    el('div', {class: 'leadtocash-kpi-figures'},
      figure('policiesWithinBenchmark', '72 小时内首单 First deal within ' + Number(r.benchmarkHours) + ' h', r.withinBenchmark,
        r.withinBenchmark + ' / ' + r.policies, '政策推广 policy roll-outs')),
    bars('firstDealHoursPerPolicy', r.rollouts.map(p => ({label: p.title, value: p.firstDealHours})), max, v => number(v, '小时'),
      [{value: Number(r.benchmarkHours), label: r.benchmarkHours + ' h', color: '#e08a00', anchor: 'end'}]));
}

async function draw(node, api, range) {
  const sections = await Promise.all([
    section(api, 'leads', '线索首次响应 First contact (R-07)', () => leadSection(range)),
    section(api, 'contracts', '合同与开票 Contracts and invoices (R-16, R-32)', () => contractSection(range)),
    section(api, 'payments', '回款 Payments (R-24)', () => paymentSection(range)),
    section(api, 'followUp', '客户跟进 Follow-up (R-34)', () => followUpSection()),
    section(api, 'contact', '有效沟通 Contact time and capture (R-33, R-31)', () => contactSection(range)),
    section(api, 'policies', '政策推广 Policy roll-outs (R-33)', () => policySection())]);
  node.querySelectorAll('.leadtocash-kpi-section').forEach(s => s.remove());
  sections.forEach(s => node.appendChild(s));
  node.setAttribute('data-loaded', range.from + '/' + range.to);
}

export default {
  id: 'leadtocash-kpi-board',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render(node, {api}) {
    const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//);
    const engine = {baseApi: (api && api.baseApi) || '/camunda/api/engine', engineName: match ? match[1] : 'default'};
    const to = today();
    const from = el('input', {type: 'date', value: addDays(to, -89), 'data-range': 'from'});
    const until = el('input', {type: 'date', value: to, 'data-range': 'to'});
    const refresh = el('button', {class: 'btn btn-default btn-sm', type: 'button'}, '刷新 Refresh');
    const board = el('div', {class: 'leadtocash-kpi'},
      el('h3', {}, '销售 KPI 看板 Sales KPI board'),
      el('div', {class: 'leadtocash-kpi-range'}, '从 From ', from, ' 至 To ', until, ' ', refresh));
    node.appendChild(board);
    const load = () => draw(board, engine, {from: from.value, to: until.value});
    refresh.addEventListener('click', load);
    // Cockpit renders its dashboard once before it routes to the login page: read the figures only once logged in
    getJson('/camunda/api/admin/auth/user/' + engine.engineName).then(async () => {
      if (await forOverseers()) {
        load();
      } else {
        board.remove();
        node.setAttribute('data-kpi-board', 'not-for-this-user');
      }
    }, () => undefined);
  }
};

// Lead-to-Cash: payment tasks in Tasklist say which customer, invoice and outstanding amount they are about and —
// once the node is past its breaker — the "what is stuck" sentence of R-23 (hours overdue, the last blocker, what to
// do by when), on the task's card and in a "回款卡点 Stuck" tab of the task. Read with the user's Tasklist login from
// /api/payment-journeys and /api/payment-journeys/stuck (a rep sees his own), again at most once a minute, so the
// hours stay current as time passes. Loaded as a custom script by tasklist/scripts/config.js.
const REFRESH_MS = 60 * 1000;
let journeysLoad = null;
let journeysLoadedAt = 0;
const processInstanceOfTask = new Map();

function engineApi(api) {
  const match = window.location.pathname.match(/\/app\/tasklist\/([^/]+)\//);
  return ((api && api.baseApi) || '/camunda/api/engine') + '/engine/' + (match ? match[1] : 'default');
}

/** With X-Requested-With, an /api 401 (an expired login) comes without a Basic challenge: no browser login popup. */
async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
  return response.ok ? response.json() : null;
}

/**
 * processInstanceId → {journey, stuck}: the user's newest journeys, each with its stuck entry if it has one — paid ones
 * too, since a node an owner draws after the money (e.g. ⑥ 对账确认) has tasks and can be stuck.
 */
function journeysByProcessInstance() {
  if (!journeysLoad || Date.now() - journeysLoadedAt > REFRESH_MS) {
    journeysLoadedAt = Date.now();
    journeysLoad = Promise.all([getJson('/api/payment-journeys?limit=500'), getJson('/api/payment-journeys/stuck')])
      .then(([open, stuck]) => {
        const stuckByJourney = new Map((stuck || []).map(s => [s.journeyId, s]));
        return new Map((open || []).map(j => [j.processInstanceId, {journey: j, stuck: stuckByJourney.get(j.id)}]));
      })
      .catch(() => new Map());
  }
  return journeysLoad;
}

async function paymentOfTask(taskId, api) {
  if (!processInstanceOfTask.has(taskId)) {
    processInstanceOfTask.set(taskId, getJson(engineApi(api) + '/task/' + encodeURIComponent(taskId))
      .then(task => (task ? task.processInstanceId : null)).catch(() => null));
  }
  const processInstanceId = await processInstanceOfTask.get(taskId);
  return processInstanceId ? (await journeysByProcessInstance()).get(processInstanceId) : undefined;
}

function money(value) {
  return '¥' + Number(value).toLocaleString('zh-CN', {minimumFractionDigits: 2, maximumFractionDigits: 2});
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  e.className = className;
  e.textContent = text;
  return e;
}

function describe(payment, container) {
  const j = payment.journey;
  const outstanding = Number(j.amountDue) - Number(j.amountReceived);
  container.appendChild(element('div', 'leadtocash-payment-customer',
    j.customerName + (j.projectName ? ' · ' + j.projectName : '') + ' · 发票 ' + j.invoiceNo + ' · 未收 ' + money(outstanding)));
  if (payment.stuck) {
    const stuck = element('div', 'leadtocash-payment-stuck', payment.stuck.sentence);
    stuck.setAttribute('data-hours-overdue', String(payment.stuck.hoursOverdue));
    stuck.setAttribute('data-journey-id', payment.stuck.journeyId);
    container.appendChild(stuck);
  }
}

export default [{
  id: 'leadtocash-payment-card',
  pluginPoint: 'tasklist.card',
  priority: 10,
  render(node, {taskId, api}) {
    paymentOfTask(taskId, api).then(payment => {
      if (payment) {
        const box = element('div', 'leadtocash-payment', '');
        box.setAttribute('data-task-id', taskId);
        describe(payment, box);
        node.appendChild(box);
      }
    });
  }
}, {
  id: 'leadtocash-payment-stuck',
  pluginPoint: 'tasklist.task.detail',
  label: '回款卡点 Stuck',
  priority: -10,
  render(node, {taskId, api}) {
    const box = element('div', 'leadtocash-payment leadtocash-payment-detail', '');
    box.setAttribute('data-task-id', taskId);
    node.appendChild(box);
    paymentOfTask(taskId, api).then(payment => {
      if (!payment) {
        box.textContent = '此任务不是回款任务 This is not a payment task.';
      } else {
        describe(payment, box);
        if (!payment.stuck) {
          box.appendChild(element('div', 'leadtocash-payment-on-time', '未超时 Not overdue.'));
        }
      }
    });
  }
}];

// Lead-to-Cash: opens the task a DingTalk/WeCom message links to when the message went out before the task existed
// (org.leadtocash.notify.TaskLinks#openTask): #/?instance=<processInstanceId>&taskKey=<task definition key>. Once the
// user is logged in (the link may have been opened before the login), it asks the engine for that activity's open
// task in the instance — the user's own first, else any the user may read (a director opening a rep's task) — and
// shows it as #/?task=<id>. Without taskKey (#/?instance=<id>, the owners' notification task with link=task) any open
// task of the instance: the user's own first, else the instance's first. Loaded as a custom script by
// tasklist/scripts/config.js.
const RETRY_MS = 1000;
const GIVE_UP_MS = 10 * 60 * 1000;

function wanted() {
  const hash = window.location.hash || '';
  const query = hash.indexOf('?') < 0 ? '' : hash.substring(hash.indexOf('?') + 1);
  const params = new URLSearchParams(query);
  const instance = params.get('instance');
  const taskKey = params.get('taskKey');
  return instance ? {instance, taskKey, since: Date.now()} : null;
}

function roots() {
  const match = window.location.pathname.match(/^(.*)\/app\/tasklist\/([^/]+)\//);
  const appRoot = match ? match[1] : '/camunda';
  const engine = match ? match[2] : 'default';
  return {user: appRoot + '/api/admin/auth/user/' + engine, engine: appRoot + '/api/engine/engine/' + engine};
}

async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
  return response.ok ? response.json() : null;
}

function notice(text) {
  let box = document.querySelector('.leadtocash-task-link-notice');
  if (!box) {
    box = document.createElement('div');
    box.className = 'leadtocash-task-link-notice alert alert-warning';
    box.setAttribute('role', 'status');
    box.style.cssText = 'position:fixed;top:60px;left:8px;right:8px;z-index:2000;';
    document.body.appendChild(box);
    box.addEventListener('click', () => box.remove());
  }
  box.textContent = text;
}

let pending = wanted();
let opened = null;
let busy = false;

async function resolve() {
  if (busy) {
    return;
  }
  if (opened) {
    // Tasklist's own routing right after the login may replace the hash: show the task again for a few seconds
    if (Date.now() - opened.at > 5000) {
      opened = null;
    } else if (!(window.location.hash || '').includes('task=' + encodeURIComponent(opened.id))) {
      window.location.hash = '#/?task=' + encodeURIComponent(opened.id);
    }
    return;
  }
  if (!pending || (window.location.hash || '').includes('/login')) {
    return;
  }
  if (Date.now() - pending.since > GIVE_UP_MS) {
    pending = null;
    return;
  }
  busy = true;
  try {
    const api = roots();
    const user = await getJson(api.user).catch(() => null);
    if (!user || !user.userId) {
      return; // not logged in yet: the login view is showing; try again after it
    }
    const target = pending;
    pending = null;
    const query = api.engine + '/task?processInstanceId=' + encodeURIComponent(target.instance)
      + (target.taskKey ? '&taskDefinitionKey=' + encodeURIComponent(target.taskKey) + '&active=true&sortBy=created&sortOrder=desc'
        : '&active=true&sortBy=created&sortOrder=asc');
    const own = await getJson(query + '&involvedUser=' + encodeURIComponent(user.userId)).catch(() => null);
    const tasks = own && own.length ? own : await getJson(query).catch(() => null);
    if (tasks && tasks.length) {
      opened = {id: tasks[0].id, at: Date.now()};
      window.location.hash = '#/?task=' + encodeURIComponent(tasks[0].id);
    } else {
      notice('此任务已完成、尚未创建或您无权查看。 This task is done, not created yet, or not yours to see.');
    }
  } finally {
    busy = false;
  }
}

window.addEventListener('hashchange', () => {
  pending = wanted() || pending;
  resolve();
});
window.setInterval(resolve, RETRY_MS);
resolve();

export default [];

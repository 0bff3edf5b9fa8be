// Lead-to-Cash: the SLA heatmap on every process diagram in Cockpit. On each activity with instances waiting
// now: how many wait there, how many of its tasks are past their due date (the SLA the diagram sets: 4 h first
// contact, each payment node's breaker), and the median time finished instances spent there; coloured by the share
// past due — green none, amber some, red half or more. The median counts only instances that left the activity in
// the last MEDIAN_DAYS days, so its cost follows recent traffic, not all history (served by the index
// system/engine/HeatmapHistoryIndex adds). Read from the engine's REST API with the manager's Cockpit login, so
// Camunda's authorizations decide what shows. Loaded by cockpit/scripts/config.js.
const MEDIAN_DAYS = 90;

function engineApi() {
  const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//);
  return '/camunda/api/engine/engine/' + (match ? match[1] : 'default');
}

async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    throw new Error(url + ' → ' + response.status);
  }
  return response.json();
}

/** The engine's date format (yyyy-MM-dd'T'HH:mm:ss.SSSZ) for a query parameter. */
function engineDate(date) {
  return encodeURIComponent(date.toISOString().replace('Z', '+0000'));
}

function duration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const hours = ms / 3600000;
  return hours >= 48 ? (hours / 24).toFixed(1) + ' 天' : hours >= 1 ? hours.toFixed(1) + ' 小时' : Math.round(ms / 60000) + ' 分钟';
}

async function medianMillis(api, definitionId, activityId) {
  const base = api + '/history/activity-instance';
  const since = new Date(Date.now() - MEDIAN_DAYS * 24 * 3600000);
  const query = 'processDefinitionId=' + encodeURIComponent(definitionId) + '&activityId=' + encodeURIComponent(activityId)
    + '&finished=true&finishedAfter=' + engineDate(since);
  const {count} = await getJson(base + '/count?' + query);
  if (!count) {
    return null;
  }
  const middle = await getJson(base + '?' + query + '&sortBy=duration&sortOrder=asc&firstResult=' + Math.floor((count - 1) / 2) + '&maxResults=1');
  return middle.length ? middle[0].durationInMillis : null;
}

async function activityFigures(api, definitionId, activityId, waiting) {
  const now = new Date();
  const taskQuery = 'processDefinitionId=' + encodeURIComponent(definitionId) + '&taskDefinitionKey=' + encodeURIComponent(activityId);
  const [overdue, median] = await Promise.all([
    getJson(api + '/task/count?' + taskQuery + '&dueBefore=' + engineDate(now)).then(r => r.count).catch(() => 0),
    medianMillis(api, definitionId, activityId).catch(() => null)]);
  return {activityId, waiting, overdue, median};
}

function badge(f) {
  const share = f.waiting > 0 ? f.overdue / f.waiting : 0;
  const heat = share >= 0.5 ? 'hot' : share > 0 ? 'warm' : 'cool';
  const b = document.createElement('div');
  b.className = 'leadtocash-sla leadtocash-sla-' + heat;
  b.setAttribute('data-activity-id', f.activityId);
  b.setAttribute('data-waiting', String(f.waiting));
  b.setAttribute('data-overdue', String(f.overdue));
  b.setAttribute('data-median-ms', f.median === null ? '' : String(f.median));
  b.title = '等待 ' + f.waiting + ' · 超时 ' + f.overdue + ' · 中位停留（近 ' + MEDIAN_DAYS + ' 天）' + duration(f.median)
    + ' (waiting · past SLA · median time spent, last ' + MEDIAN_DAYS + ' days)';
  b.textContent = f.waiting + ' | ' + f.overdue + '⚠ | ' + duration(f.median);
  return b;
}

export default {
  id: 'leadtocash-sla-heatmap',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 10,
  render(viewer, {processDefinitionId}) {
    const api = engineApi();
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    getJson(api + '/process-definition/' + encodeURIComponent(processDefinitionId) + '/statistics')
      .then(stats => Promise.all(stats.filter(s => s.instances > 0 && registry.get(s.id))
        .map(s => activityFigures(api, processDefinitionId, s.id, s.instances))))
      .then(figures => figures.forEach(f => overlays.add(f.activityId, 'leadtocash-sla',
        {position: {bottom: -6, left: -6}, html: badge(f)})))
      .catch(e => console.warn('SLA heatmap', e));
  }
};

// Lead-to-Cash: the SLA heatmap on every process diagram in Cockpit. On each activity with instances waiting
// now: how many wait there, how many of its tasks are past their due date (the SLA the diagram sets: 4 h first
// contact, each payment node's breaker), and the median time finished instances spent there over the last MEDIAN_DAYS
// days (all versions of the process); coloured by the share past due — green none, amber some, red half or more. The
// median is known to its bucket and shown as "≤ N" (the bucket's upper edge). One call per diagram:
// GET /api/heatmap/{processDefinitionId} (system.engine.SlaHeatmapController) with the manager's Cockpit login; it reads
// the engine as the user, so Camunda's authorizations decide what counts, and a summary kept per day instead of the
// engine's history. Loaded by cockpit/scripts/config.js.
const MEDIAN_DAYS = 90;

/** With X-Requested-With, an /api 401 comes without a Basic challenge: no browser login popup. */
async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
  if (!response.ok) {
    throw new Error(url + ' → ' + response.status);
  }
  return response.json();
}

function minutes(n) {
  const hours = n / 60;
  return hours >= 48 ? +(hours / 24).toFixed(1) + ' 天' : hours >= 1 ? +hours.toFixed(1) + ' 小时' : n + ' 分钟';
}

/** The median's bucket: "≤ upper edge", or "> lower edge" for the open bucket beyond 90 days; "—" when none finished. */
function median(a) {
  if (a.medianMinutes !== undefined && a.medianMinutes !== null) {
    return '≤ ' + minutes(a.medianMinutes);
  }
  return a.medianMinutesFrom !== undefined && a.medianMinutesFrom !== null ? '> ' + minutes(a.medianMinutesFrom) : '—';
}

function badge(a) {
  const share = a.waiting > 0 ? a.pastSla / a.waiting : 0;
  const heat = share >= 0.5 ? 'hot' : share > 0 ? 'warm' : 'cool';
  const b = document.createElement('div');
  b.className = 'leadtocash-sla leadtocash-sla-' + heat;
  b.setAttribute('data-activity-id', a.activityId);
  b.setAttribute('data-waiting', String(a.waiting));
  b.setAttribute('data-overdue', String(a.pastSla));
  b.setAttribute('data-finished', String(a.finished));
  b.setAttribute('data-median-minutes', a.medianMinutes === undefined || a.medianMinutes === null ? '' : String(a.medianMinutes));
  b.setAttribute('data-median-minutes-from', a.medianMinutesFrom === undefined || a.medianMinutesFrom === null ? '' : String(a.medianMinutesFrom));
  b.title = '等待 ' + a.waiting + ' · 超时 ' + a.pastSla + ' · 中位停留（近 ' + MEDIAN_DAYS + ' 天已完成 ' + a.finished + ' 个，全部版本）'
    + median(a) + ' (waiting · past SLA · median time spent by the ' + a.finished + ' finished in the last ' + MEDIAN_DAYS
    + ' days, all versions)';
  b.textContent = a.waiting + ' | ' + a.pastSla + '⚠ | ' + median(a);
  return b;
}

export default {
  id: 'leadtocash-sla-heatmap',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 10,
  render(viewer, {processDefinitionId}) {
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    getJson('/api/heatmap/' + encodeURIComponent(processDefinitionId) + '?days=' + MEDIAN_DAYS)
      .then(heatmap => heatmap.activities.filter(a => a.waiting > 0 && registry.get(a.activityId))
        .forEach(a => overlays.add(a.activityId, 'leadtocash-sla', {position: {bottom: -6, left: -6}, html: badge(a)})))
      .catch(e => console.warn('SLA heatmap', e));
  }
};

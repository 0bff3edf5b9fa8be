// Lead-to-Cash: replaces the webjar's cockpit config.js (which sets nothing). Chinese by default, English selectable
// with the switch at the foot of the page (app/leadtocash/locale.js); the sales KPI board on the dashboard
// (app/leadtocash/kpi-board.js); the SLA heatmap on every process diagram (app/leadtocash/sla-heatmap.js); the
// 路由回测 Routing backtest page for directors (app/leadtocash/routing-backtest.js); dates in Asia/Shanghai whatever the
// browser's zone (app/leadtocash/shanghai-time.js).
import {localeConfig} from '../../leadtocash/locale.js';

export default {
  locales: localeConfig(),
  customScripts: ['../leadtocash/language-switch', '../leadtocash/kpi-board', '../leadtocash/sla-heatmap',
    '../leadtocash/routing-backtest', '../leadtocash/shanghai-time']
};

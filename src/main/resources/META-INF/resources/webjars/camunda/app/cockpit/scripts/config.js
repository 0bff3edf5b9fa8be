// Lead-to-Cash: replaces the webjar's cockpit config.js (which sets nothing). Chinese by default, English selectable
// with the switch at the foot of the page (app/leadtocash/locale.js); the sales KPI board on the dashboard
// (app/leadtocash/kpi-board.js); the SLA heatmap on every process diagram (app/leadtocash/sla-heatmap.js); the
// 路由回测 Routing backtest page for directors (app/leadtocash/routing-backtest.js); dates as yyyy-MM-dd HH:mm in Chinese
// and in Asia/Shanghai whatever the browser's zone (app/leadtocash/shanghai-time.js).
import {localeConfig, webappDateFormat} from '../../leadtocash/locale.js';

const dateFormat = webappDateFormat();

export default {
  locales: localeConfig(),
  ...(dateFormat ? {dateFormat} : {}),
  customScripts: ['../leadtocash/language-switch', '../leadtocash/kpi-board', '../leadtocash/sla-heatmap',
    '../leadtocash/routing-backtest', '../leadtocash/shanghai-time']
};

// Lead-to-Cash: replaces the webjar's admin config.js (which sets nothing). Chinese by default, English selectable
// with the switch at the foot of the page (app/leadtocash/locale.js); 公司信息 Company profile on the dashboard and under
// System (app/leadtocash/company-profile.js); the sales team page (app/leadtocash/sales-team.js); dates as
// yyyy-MM-dd HH:mm in Chinese and in Asia/Shanghai whatever the browser's zone (app/leadtocash/shanghai-time.js).
import {localeConfig, webappDateFormat} from '../../leadtocash/locale.js';

const dateFormat = webappDateFormat();

export default {
  locales: localeConfig(),
  ...(dateFormat ? {dateFormat} : {}),
  customScripts: ['../leadtocash/language-switch', '../leadtocash/company-profile', '../leadtocash/sales-team',
    '../leadtocash/shanghai-time']
};

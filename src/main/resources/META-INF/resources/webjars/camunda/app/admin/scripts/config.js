// Lead-to-Cash: replaces the webjar's admin config.js (which sets nothing). Chinese by default, English selectable
// with the switch at the foot of the page (app/leadtocash/locale.js); 公司信息 Company profile on the dashboard and under
// System (app/leadtocash/company-profile.js); the sales team page (app/leadtocash/sales-team.js).
import {localeConfig} from '../../leadtocash/locale.js';

export default {
  locales: localeConfig(),
  customScripts: ['../leadtocash/language-switch', '../leadtocash/company-profile', '../leadtocash/sales-team']
};

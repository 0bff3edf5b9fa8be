// Lead-to-Cash: replaces the webjar's welcome config.js (which sets nothing). Chinese by default, English selectable
// with the switch at the foot of the page (app/leadtocash/locale.js); dates as yyyy-MM-dd HH:mm in Chinese and in
// Asia/Shanghai whatever the browser's zone, as the footer says (app/leadtocash/shanghai-time.js).
import {localeConfig, webappDateFormat} from '../../leadtocash/locale.js';

const dateFormat = webappDateFormat();

export default {
  locales: localeConfig(),
  ...(dateFormat ? {dateFormat} : {}),
  customScripts: ['../leadtocash/language-switch', '../leadtocash/shanghai-time']
};

// Lead-to-Cash: the webapps show dates and times in Asia/Shanghai (China Standard Time, UTC+08:00 all year, no daylight
// saving since 1991), whatever the time zone of the browser — a manager travelling abroad reads the same wall time as
// the rep in Hangzhou. Tasklist and Cockpit format every date with the one moment.js they bundle; moment-timezone is
// not bundled (angular-moment's changeTimezone needs it), so this script wraps moment's format(): a moment in the browser's
// local mode is shown at UTC+08:00 (the same instant). Moments made in UTC on purpose (durations, ISO for the engine)
// are left alone. The footer says so ("日期和时间按北京时间 (UTC+08:00) 显示：Asia/Shanghai"; Camunda's own English text
// about the local zone is replaced, locale.js ENGLISH_LABELS) and names the zone where Camunda names the browser's.
// The app's date patterns (config.js dateFormat, yyyy-MM-dd HH:mm in Chinese) are handed to the date filter of Cockpit,
// Admin and Welcome, which ignore that setting. Loaded as a custom script by every app's scripts/config.js.
import {ENGLISH_LABELS} from './locale.js';

export const ZONE = 'Asia/Shanghai';
const OFFSET_MINUTES = 8 * 60;
/**
 * Zone-less ISO that the webapps write and parse back as the browser's local time (Tasklist's due and follow-up date
 * fields): shown at UTC+08:00 and read back in the browser's zone, the instant would move. Left as it is.
 */
const DATA_FORMATS = new Set(['YYYY-MM-DDTHH:mm:ss']);

function patch(moment) {
  if (moment.fn.leadtocashShanghai) {
    return;
  }
  const format = moment.fn.format;
  moment.fn.format = function (...args) {
    if (!this.isValid() || this._isUTC || DATA_FORMATS.has(args[0])) {
      return format.apply(this, args);
    }
    return format.apply(this.clone().utcOffset(OFFSET_MINUTES), args);
  };
  moment.fn.leadtocashShanghai = true;
}

/**
 * The webapps' one moment.js, from their webpack bundle (lib/deps.js): a runtime callback pushed onto the bundle's
 * chunk list receives webpack's require; the module whose source is moment's is the one every date filter uses
 * (Cockpit's camDate, Tasklist's camDate and angular-moment). Null until the bundle is there.
 */
function bundledMoment() {
  const chunks = window.webpackChunkcamunda_bpm_webapp;
  if (!chunks || typeof chunks.push !== 'function') {
    return null;
  }
  let found = null;
  chunks.push([['leadtocash-shanghai-time-' + Date.now() + '-' + Math.random()], {}, require => {
    for (const id of Object.keys(require.m || {})) {
      const source = Function.prototype.toString.call(require.m[id]);
      if (source.includes('momentProperties') && source.includes('updateOffset')) {
        const exported = require(id);
        const moment = exported && exported.fn ? exported : exported && exported.default;
        if (moment && moment.fn && typeof moment.isMoment === 'function') {
          found = moment;
          return;
        }
      }
    }
  }]);
  return found;
}

function nameTheZone() {
  const zone = document.querySelector('footer #footer-timezone i');
  if (zone && zone.firstChild && zone.firstChild.nodeType === Node.TEXT_NODE && zone.firstChild.data !== ZONE) {
    zone.firstChild.data = ZONE;
  }
}

/**
 * Before the app starts (custom scripts are loaded before Angular bootstraps it), one more config block on the app's
 * module, run after the app's own: the configured date patterns go to camDateFormat (Cockpit sets its own there and
 * never reads config.js dateFormat), and the English footer label is replaced in whatever the locale loader returns
 * (the file or its copy in localStorage).
 */
function configureApp() {
  const angular = window.angular;
  const base = document.querySelector('base');
  const app = base && base.getAttribute('app-name');
  if (!angular || !app) {
    return;
  }
  const config = () => window['cam' + app.charAt(0).toUpperCase() + app.slice(1) + 'Conf'] || {};
  let module;
  try {
    module = angular.module('cam.' + app);
  } catch (e) {
    return;
  }
  module.config(['$injector', '$provide', (providers, provide) => {
    if (providers.has('camDateFormatProvider')) {
      const dates = providers.get('camDateFormatProvider');
      const formats = config().dateFormat || {};
      Object.keys(formats).forEach(kind => dates.setDateFormat(formats[kind], kind));
    }
    if (providers.has('localeLoaderProvider')) {
      provide.decorator('localeLoader', ['$delegate', load => options => load(options).then(labels =>
        options && options.key === 'en' && labels ? Object.assign({}, labels, ENGLISH_LABELS) : labels)]);
    }
  }]);
}

configureApp();
const started = Date.now();
(function waitForMoment() {
  const moment = bundledMoment();
  if (moment && moment.fn) {
    patch(moment);
  } else if (Date.now() - started < 60000) {
    window.setTimeout(waitForMoment, 20);
  }
})();
new MutationObserver(nameTheZone).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

export default [];

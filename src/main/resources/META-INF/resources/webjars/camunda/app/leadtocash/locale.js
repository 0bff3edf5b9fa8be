// Lead-to-Cash: the webapps' language. Chinese (zh) unless the user picked English with the switch at the foot of
// every page (kept in this browser's localStorage). Each app's scripts/config.js takes its locale settings from here.
export const LOCALE_KEY = 'leadtocash.locale';
export const LOCALES = ['zh', 'en'];

/** The chosen locale: 'en' only when the user picked it, otherwise 'zh' (whatever the browser's own language). */
export function chosenLocale() {
  try {
    const chosen = window.localStorage.getItem(LOCALE_KEY);
    return LOCALES.includes(chosen) ? chosen : 'zh';
  } catch (e) {
    return 'zh';
  }
}

/**
 * The webapps pick the browser's language if it is listed, else the fallback: listing only the chosen one makes
 * the choice independent of the browser.
 */
export function localeConfig() {
  const chosen = chosenLocale();
  return {availableLocales: [chosen], fallbackLocale: chosen};
}

/**
 * The webapps' date formats (moment patterns, each app's config.js `dateFormat`): yyyy-MM-dd HH:mm in Chinese, each
 * app's own defaults in English. Tasklist reads the setting itself; Cockpit, Admin and Welcome ignore it (Cockpit
 * hard-codes its patterns), so shanghai-time.js hands it to their date filter.
 */
export function webappDateFormat() {
  return chosenLocale() === 'zh'
    ? {monthName: 'M月', day: 'D', abbr: 'YYYY-MM-DD HH:mm', normal: 'YYYY-MM-DD HH:mm', long: 'YYYY-MM-DD HH:mm', short: 'YYYY-MM-DD'}
    : undefined;
}

/**
 * English labels that say what this installation does where Camunda's English file says otherwise (Camunda's footer
 * says dates are in the browser's zone; they are in Beijing time, shanghai-time.js). The Chinese ones are in each
 * app's locales/zh.json.
 */
export const ENGLISH_LABELS = {CAM_WIDGET_FOOTER_TIMEZONE: 'Dates and times shown in Beijing time (UTC+08:00):'};

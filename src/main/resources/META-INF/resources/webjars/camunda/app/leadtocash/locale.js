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

/** Tasklist's date formats (moment patterns): yyyy-MM-dd HH:mm in Chinese, Camunda's defaults in English. */
export function tasklistDateFormat() {
  return chosenLocale() === 'zh'
    ? {monthName: 'M月', day: 'D', abbr: 'YYYY-MM-DD HH:mm', normal: 'YYYY-MM-DD HH:mm', long: 'YYYY-MM-DD HH:mm', short: 'YYYY-MM-DD'}
    : undefined;
}

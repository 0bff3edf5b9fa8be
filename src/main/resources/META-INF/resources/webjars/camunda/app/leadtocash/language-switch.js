// Lead-to-Cash: a "中文 | English" switch in the footer of every webapp page (after the time-zone note). It stores the choice in localStorage
// (read by locale.js when the app starts) and reloads the page. Loaded as a custom script by each app's config.js.
import {LOCALE_KEY, chosenLocale} from './locale.js';

function addSwitch(place) {
  if (place.querySelector('.leadtocash-language')) {
    return;
  }
  const chosen = chosenLocale();
  const box = document.createElement('span');
  box.className = 'leadtocash-language';
  [['zh', '中文'], ['en', 'English']].forEach(([locale, label], i) => {
    if (i > 0) {
      box.appendChild(document.createTextNode(' | '));
    }
    const link = document.createElement('a');
    link.href = '';
    link.textContent = label;
    link.setAttribute('data-locale', locale);
    link.setAttribute('lang', locale);
    if (locale === chosen) {
      link.setAttribute('aria-current', 'true');
    }
    link.addEventListener('click', event => {
      event.preventDefault();
      window.localStorage.setItem(LOCALE_KEY, locale);
      window.location.reload();
    });
    box.appendChild(link);
  });
  place.appendChild(box);
}

function watch() {
  const place = document.querySelector('footer #footer-timezone') || document.querySelector('footer');
  if (place) {
    addSwitch(place);
  }
}

new MutationObserver(watch).observe(document.documentElement, {childList: true, subtree: true});
watch();

export default [];

// Lead-to-Cash: replaces the webjar's tasklist config.js. Chinese by default, English selectable with the switch at
// the foot of the page (app/leadtocash/locale.js); dates as yyyy-MM-dd HH:mm in Chinese; payment task cards say
// which customer they are about and what is stuck (app/leadtocash/payment-cards.js); a chat message's link to a task
// created after it opens that task (app/leadtocash/task-link.js); form validation messages in Chinese
// (app/leadtocash/form-messages.js); dates in Asia/Shanghai whatever the browser's zone (app/leadtocash/shanghai-time.js). The keyboard shortcuts are
// the webjar's: this file is their only definition, so they are kept here.
import {localeConfig, webappDateFormat} from '../../leadtocash/locale.js';

const dateFormat = webappDateFormat();

export default {
  locales: localeConfig(),
  ...(dateFormat ? {dateFormat} : {}),
  customScripts: ['../leadtocash/language-switch', '../leadtocash/payment-cards', '../leadtocash/customer-import',
    '../leadtocash/task-link', '../leadtocash/form-messages',
    '../leadtocash/shanghai-time'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};

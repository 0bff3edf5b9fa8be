// Lead-to-Cash: Camunda Forms (form-js, bundled with Tasklist 7.24) write their validation messages in English, hard-coded
// in its validator ("Field is required.", "Field must match pattern …"): the bundled form-js takes no translations and
// Tasklist creates the form itself, so no module can be added to it. This script rewrites each known message, with its
// rule, in Chinese where form-js shows it (.fjs-form-field-error li), whenever form-js renders or changes one. It edits
// the text node form-js owns, so form-js's next change of that message still lands and is translated again.
// With English chosen (the switch at the foot of the page) the messages stay as they are. Loaded by tasklist/scripts/config.js.
import {chosenLocale} from './locale.js';

/** [English message as form-js writes it, its Chinese with the same rule]. */
export const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must match pattern (.*)\.$/, pattern => '格式不正确，须符合规则 ' + pattern + '。'],
  [/^Field must have minimum length of (\S+)\.$/, n => '至少填写 ' + n + ' 个字符。'],
  [/^Field must have maximum length of (\S+)\.$/, n => '最多填写 ' + n + ' 个字符。'],
  [/^Field must have minimum value of (\S+)\.$/, n => '不能小于 ' + n + '。'],
  [/^Field must have maximum value of (\S+)\.$/, n => '不能大于 ' + n + '。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number\. \(e\.g\. (\S+)\)$/, example => '请填写有效的国际电话号码（例如 ' + example + '）。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Value is expected to be an integer\.$/, () => '请填写整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, n => '最多 ' + n + ' 位小数。'],
  [/^Please select a valid value, the two nearest valid values are (\S+) and (\S+)\.$/,
    (a, b) => '请填写有效的值，最接近的两个有效值为 ' + a + ' 和 ' + b + '。']
];

/** The Chinese of a form-js message, or null for a text that is not one of them. */
export function translate(text) {
  const trimmed = (text || '').trim();
  for (const [english, chinese] of MESSAGES) {
    const match = trimmed.match(english);
    if (match) {
      return chinese(...match.slice(1));
    }
  }
  return null;
}

function translateErrors(root) {
  const lists = root.querySelectorAll ? root.querySelectorAll('.fjs-form-field-error li') : [];
  lists.forEach(item => {
    item.childNodes.forEach(node => {
      if (node.nodeType === Node.TEXT_NODE) {
        const chinese = translate(node.data);
        if (chinese !== null) {
          node.data = chinese;
        }
      }
    });
  });
}

if (chosenLocale() === 'zh') {
  new MutationObserver(() => translateErrors(document)).observe(document.documentElement,
    {childList: true, subtree: true, characterData: true});
  translateErrors(document);
}

export default [];

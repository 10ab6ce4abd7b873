// The session's last runs, stacked on one time scale, each with its wall time and
// its speed-up: "sequential 5.01 s, threads 1.01 s" in one glance. A Python run
// leads with its GIL setting, so the same code with the GIL on and off reads as two
// rows that differ in that one word.

import { t } from '../i18n.js';
import { niceCeil, Timeline } from './timeline.js';
import { speedup } from './time-summary.js';

const KEEP = 5;

/** A run's GIL setting as the page says it ("GIL on" / "без GIL"); '' for a run that
 *  has none (a lesson listing: no interpreter, no GIL). */
function gilSetting(record) {
  if (record.gil === true) return t('gilOn');
  if (record.gil === false) return t('gilOff');
  return '';
}

export class CompareView {
  #section;
  #list;
  #runs = [];

  constructor(section, list) {
    this.#section = section;
    this.#list = list;
  }

  /** Adds a finished run; `title` names it (the listing and its tasks). */
  add(record, title) {
    this.#runs.push({ record, title });
    if (this.#runs.length > KEEP) this.#runs.shift();
    this.render();
  }

  render() {
    this.#section.hidden = this.#runs.length === 0;
    const scaleMs = niceCeil(Math.max(...this.#runs.map(({ record }) => record.wallMs), 1));
    const items = this.#runs.map(({ record, title }, i) => {
      const item = document.createElement('li');
      const label = document.createElement('p');
      label.className = 'compare-label';
      const gil = gilSetting(record);
      if (gil) {
        item.dataset.gil = record.gil ? 'on' : 'off';
        const setting = document.createElement('span');
        setting.className = 'compare-gil';
        setting.textContent = gil;
        label.append(setting, ' · ');
      }
      label.append(t('compareRow', {
        title: title(),
        wall: (record.wallMs / 1000).toFixed(2),
        speedup: speedup(record).factor.toFixed(1),
      }));
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.id = `compare-${i}`;
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', label.textContent);
      item.append(label, svg);
      return { item, svg, record };
    });
    this.#list.replaceChildren(...items.map(({ item }) => item));
    for (const { svg, record } of items) new Timeline(svg, null, { compact: true }).render(record, record.wallMs, { scaleMs });
  }
}

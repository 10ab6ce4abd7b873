// The files a Python program wrote (`open("./pics/paw.jpg", "wb")`), as the run left
// them: name, size, a thumbnail for a picture, and a link that downloads it. The
// links are object URLs the run made of the bytes; they are released when the run
// is cleared. A record loaded from a file lists its files without them. Only Python
// runs write files: the section is made here, with the first, not in the page.

import { STRINGS, t } from '../i18n.js';

// Its words come with it (a language switch translates them as the page's own).
Object.assign(STRINGS.ru, { files: 'Файлы, которые записала программа' });
Object.assign(STRINGS.en, { files: 'Files the program wrote' });

export class Files {
  #section;
  #list;
  #urls = [];

  /** The section goes before `next` (the task table). */
  constructor(next) {
    this.#section = Object.assign(document.createElement('section'), { className: 'files', hidden: true });
    this.#section.setAttribute('aria-labelledby', 'files-title');
    const title = Object.assign(document.createElement('h2'), { id: 'files-title', textContent: t('files') });
    title.dataset.i18n = 'files';
    this.#list = Object.assign(document.createElement('ul'), { id: 'files' });
    this.#section.append(title, this.#list);
    next.before(this.#section);
  }

  clear() {
    for (const url of this.#urls) URL.revokeObjectURL(url);
    this.#urls = [];
    this.#list.replaceChildren();
    this.#section.hidden = true;
  }

  /** A record's files (`record.files`), without their bytes. */
  show(files) {
    this.clear();
    for (const file of files ?? []) this.add(file);
  }

  /** `{ path, bytes, image, src? }`: a `file` event, or an entry of `record.files`. */
  add({ path, bytes, image, src }) {
    this.#section.hidden = false;
    const item = document.createElement('li');
    item.dataset.path = path;
    const name = path.split('/').pop();
    if (src) {
      this.#urls.push(src);
      if (image) {
        const img = document.createElement('img');
        img.src = src;
        img.alt = path;
        img.decoding = 'async';
        item.append(img);
      }
    }
    const label = document.createElement(src ? 'a' : 'span');
    if (src) {
      label.href = src;
      label.download = name;
    }
    label.className = 'file-name';
    label.textContent = path;
    const size = document.createElement('span');
    size.className = 'file-size';
    size.textContent = sizeText(bytes);
    item.append(label, size);
    this.#list.append(item);
  }
}

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

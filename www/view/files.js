// The files a Python program wrote (`open("./pics/paw.jpg", "wb")`), as the run left
// them: name, size, a thumbnail for a picture, and a link that downloads it. The
// links are object URLs the run made of the bytes; they are released when the run
// is cleared. A record loaded from a file lists its files without them.

export class Files {
  #section;
  #list;
  #urls = [];

  constructor(section, list) {
    this.#section = section;
    this.#list = list;
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

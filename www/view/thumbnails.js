// The downloaded images, in the order they arrived. Each is an object URL made from
// the bytes the run fetched (no second download); they are released when the run
// is cleared.

export class Thumbnails {
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

  /** `{ task, src, bytes }` from an `image` event; `name` is the file name. */
  add({ task, src, bytes }, name) {
    this.#urls.push(src);
    this.#section.hidden = false;
    const item = document.createElement('li');
    item.dataset.task = task;
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.src = src;
    img.alt = name; // the file name: what download_one_image prints
    img.decoding = 'async';
    const caption = document.createElement('figcaption');
    caption.textContent = `${task}: ${name} · ${Math.round(bytes / 1024)} KB`;
    figure.append(img, caption);
    item.append(figure);
    this.#list.append(item);
  }
}

// The lesson's listings, in lesson order: what the page offers. The Rust side keeps
// the same default numbers for API callers that give none; a browser test holds
// the two together.

export const SCENARIOS = [
  { id: 'sequential', pool: false, secs: [1, 1, 1, 1, 1] },
  { id: 'threads_no_join', pool: false, secs: [1, 1] },
  { id: 'threads_join_in_loop', pool: false, secs: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  { id: 'threads', pool: false, secs: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  { id: 'pool_submit', pool: true, secs: [5, 4, 3, 2, 1] },
  { id: 'pool_as_completed', pool: true, secs: [5, 4, 3, 2, 1] },
  { id: 'pool_map', pool: true, secs: [5, 4, 3, 2, 1] },
  { id: 'async', pool: false, secs: [5, 4, 3, 2, 1] },
  { id: 'async_as_completed', pool: false, secs: [5, 4, 3, 2, 1] },
];

/** The file names of the lesson's 12 images (tools/make-images.mjs draws them). */
export const LESSON_IMAGE_NAMES = [
  'paw-1394447.jpg',
  'my-beloved-mountains-2-1375135.jpg',
  'doggy-1382866.jpg',
  'my-puppy-maggie-1362787.jpg',
  'koldalen-4-1384902.jpg',
  'barcalona-airport-arrival-1240880.jpg',
  'snare-drum-second-take-1-1564542.jpg',
  'the-black-swan-1367551.jpg',
  'beach-1364350.jpg',
  'indian-heads-1391201.jpg',
  'vale-da-lua-2-1401161.jpg',
  'can-t-look-over-1312680.jpg',
];

/** The lesson's images as the page offers them: from our own server with a simulated
 *  network, a second before the first byte, then 4 Mbit/s (see tools/serve.mjs). */
export const LESSON_IMAGES = LESSON_IMAGE_NAMES.map((name) => `images/${name}?delay=1000&kbps=4000`);

export function scenarioById(id) {
  return SCENARIOS.find((s) => s.id === id);
}

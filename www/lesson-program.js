// The program a <potoki-lesson> carries (embed.js), in one of three ways:
//
//   <potoki-lesson code="print('hi')"></potoki-lesson>
//   <potoki-lesson src="example.py"></potoki-lesson>
//   <potoki-lesson>
//     <script type="text/x-python">
//       if a < b and c > d:
//           print("a & b")
//     </script>
//   </potoki-lesson>
//
// Written between the tags, the program is the element's text, indented as the
// HTML around it is: the indentation every line shares is taken off, and so are
// the blank lines at either end. Inside <script type="text/x-python"> the HTML
// parser leaves the text alone (`<` and `&` as they are) and the browser never
// shows it, not even before embed.js has loaded; as plain text, `<` must be
// written `&lt;` and `&` `&amp;`, and the text shows until the element is defined.
// `src` is fetched by the course page itself: same origin, or a host that sends CORS.

/** The element's program text, or null when it carries none (a listing is shown). */
export async function programOf(element) {
  const code = element.getAttribute('code');
  if (code !== null) return code;
  const src = element.getAttribute('src');
  if (src !== null) return fetchProgram(new URL(src, element.baseURI));
  const text = dedent(element.textContent);
  return text === '' ? null : text;
}

/** The text at `url`. @throws {Error} saying which file and why, for the element to show */
async function fetchProgram(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    // A network failure and a CORS refusal look alike from here.
    throw new Error(`${url.href}: not loaded (${error.message}; another origin must send Access-Control-Allow-Origin)`);
  }
  if (!response.ok) throw new Error(`${url.href}: ${response.status} ${response.statusText}`.trim());
  // A file is the program as written: only the blank lines at its end go.
  return (await response.text()).trimEnd();
}

/**
 * The text without the indentation all its non-blank lines share, without blank
 * lines at either end, and without trailing spaces on the last line; tabs and
 * spaces count as written (a line indented with a tab shares nothing with one
 * indented with spaces).
 */
export function dedent(text) {
  const lines = text.replaceAll('\r\n', '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines.at(-1).trim() === '') lines.pop();
  let common = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = line.match(/^[ \t]*/)[0];
    if (common === null) common = indent;
    let n = 0;
    while (n < common.length && n < indent.length && common[n] === indent[n]) n++;
    common = common.slice(0, n);
  }
  return lines.map((line) => line.slice(Math.min(common?.length ?? 0, line.length))).join('\n').trimEnd();
}

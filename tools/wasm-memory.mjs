// Reads a wasm file's memory import: a threaded build must import a *shared*
// memory, or the page fails only at run time with
// `DataCloneError: #<Memory> could not be cloned` when the pool starts.
// Spec: https://webassembly.github.io/threads/core/binary/types.html#limits

/** Returns { module, name, shared, min, max } for the imported memory, or null. */
export function importedMemory(bytes) {
  let at = 8; // magic + version
  const byte = () => bytes[at++];
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = byte();
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return value;
    }
  };
  const name = () => {
    const length = leb();
    const text = new TextDecoder().decode(bytes.subarray(at, at + length));
    at += length;
    return text;
  };
  while (at < bytes.length) {
    const id = byte();
    const size = leb();
    const end = at + size;
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const module = name();
        const field = name();
        const kind = byte();
        if (kind === 0x00) leb(); // function: type index
        else if (kind === 0x01) { byte(); const flags = byte(); leb(); if (flags & 1) leb(); } // table
        else if (kind === 0x03) { byte(); byte(); } // global: type, mutability
        else if (kind === 0x04) { byte(); leb(); } // tag
        else if (kind === 0x02) {
          const flags = byte();
          const min = leb();
          const max = flags & 1 ? leb() : undefined;
          return { module, name: field, shared: (flags & 2) !== 0, min, max };
        } else throw new Error(`unknown import kind ${kind}`);
      }
      return null;
    }
    at = end;
  }
  return null;
}

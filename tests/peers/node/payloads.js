'use strict';
// The same deterministic payloads as the C# tests: text mixes 1- to 4-byte UTF-8 characters.
const PATTERN = Buffer.from('héllo wörld € 😀 ', 'utf8');

function payload(size, text) {
  const out = Buffer.alloc(size);
  if (text) {
    let i = 0;
    while (i + PATTERN.length <= size) { PATTERN.copy(out, i); i += PATTERN.length; }
    out.fill(0x78, i);
  } else {
    for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) & 0xff;
  }
  return out;
}

module.exports = { payload };

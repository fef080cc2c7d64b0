'use strict';
// Usage: node conformance-echo-server.js [--fault=utf8|ping|rsv]  → prints "listening PORT".
// The ws echo server as a conformance testee (permessage-deflate on), or deliberately broken:
//   utf8: text is not checked for UTF-8 (ws's skipUTF8Validation),
//   ping: a ping is answered with a pong whose payload differs (first octet flipped, or one added),
//   rsv:  frames with reserved bits set are accepted (the bits are cleared before ws parses them).
const { WebSocketServer } = require('ws');

const fault = (process.argv.find((a) => a.startsWith('--fault=')) || '').slice('--fault='.length);

const wss = new WebSocketServer({
  noServer: true,
  // No limits beyond Autobahn's own: group 9 sends 16 MiB messages and 65536-fragment messages.
  maxPayload: 64 * 1024 * 1024,
  maxFragments: 0,
  maxBufferedChunks: 0,
  perMessageDeflate: fault === 'rsv' ? false : { threshold: 0 },
  skipUTF8Validation: fault === 'utf8',
  autoPong: fault !== 'ping',
});

wss.on('connection', (ws) => {
  ws.on('error', () => {}); // protocol faults: ws closes with the right code; nothing to report
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  if (fault === 'ping') ws.on('ping', (payload) => ws.pong(altered(payload)));
});

function altered(payload) {
  if (payload.length === 0) return Buffer.from('!');
  const copy = Buffer.from(payload);
  copy[0] ^= 1;
  return copy;
}

const http = require('http');
const server = http.createServer((req, res) => res.writeHead(404).end());
server.on('upgrade', (req, socket, head) => {
  if (fault === 'rsv') clearReservedBits(socket);
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));

// Rewrites the client's frame headers as they arrive so ws never sees a reserved bit.
function clearReservedBits(socket) {
  let pending = Buffer.alloc(0);
  let skip = 0;
  const push = socket.push.bind(socket);
  socket.push = (chunk) => {
    if (chunk === null) return push(chunk);
    const out = Buffer.from(chunk);
    let i = 0;
    while (i < out.length) {
      if (skip > 0) {
        const n = Math.min(skip, out.length - i);
        skip -= n;
        i += n;
        continue;
      }
      pending = Buffer.concat([pending, out.subarray(i, i + 1)]);
      out[i] = pending.length === 1 ? out[i] & 0x8f : out[i];
      i += 1;
      const length = headerLength(pending);
      if (length !== null && pending.length === length.header) {
        skip = length.payload;
        pending = Buffer.alloc(0);
      }
    }
    return push(out);
  };
}

function headerLength(h) {
  if (h.length < 2) return null;
  const masked = (h[1] & 0x80) !== 0;
  const len = h[1] & 0x7f;
  const extra = len === 126 ? 2 : len === 127 ? 8 : 0;
  const header = 2 + extra + (masked ? 4 : 0);
  if (h.length < 2 + extra) return null;
  let payload = len;
  if (len === 126) payload = h.readUInt16BE(2);
  if (len === 127) payload = Number(h.readBigUInt64BE(2));
  return { header, payload };
}

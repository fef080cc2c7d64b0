'use strict';
// Usage: node echo-check.js URL [--deflate] SIZE...
// Sends a text and a binary message of each size and checks each echo byte for byte.
const WebSocket = require('ws');
const { payload } = require('./payloads');

const args = process.argv.slice(2);
const url = args[0];
const deflate = args.includes('--deflate');
const sizes = args.slice(1).filter((a) => !a.startsWith('--')).map(Number);

const ws = new WebSocket(url, { perMessageDeflate: deflate ? { threshold: 0 } : false, maxPayload: 64 * 1024 * 1024 });
const queue = [];
for (const size of sizes) { queue.push([size, true]); queue.push([size, false]); }

function next() {
  if (queue.length === 0) { console.log(`ok ${sizes.length * 2} deflate=${ws.extensions !== ''}`); ws.close(1000); return; }
  const [size, text] = queue[0];
  ws.send(payload(size, text), { binary: !text });
}

ws.on('open', next);
ws.on('message', (data, isBinary) => {
  const [size, text] = queue.shift();
  if (isBinary === text || !Buffer.from(data).equals(payload(size, text))) {
    console.log(`mismatch size=${size} text=${text} got=${data.length}`);
    process.exit(1);
  }
  next();
});
ws.on('error', (e) => { console.log(`error ${e.message}`); process.exit(1); });
ws.on('close', () => process.exit(0));

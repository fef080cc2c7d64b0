'use strict';
// Usage: node idle-clients.js URL COUNT
// Opens COUNT connections, 64 handshakes at a time, holds them idle and prints "open COUNT". On the line
// "close" from stdin it closes every one with 1000 and, once all have ended, prints "closed CLEAN", the
// number that ended with 1000 in a clean closing handshake.
const WebSocket = require('ws');

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const sockets = [];
let started = 0;

function openNext() {
  if (started === count) return;
  started++;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('error', (e) => { console.log(`error ${e.message}`); process.exit(1); });
  ws.on('open', () => {
    sockets.push(ws);
    if (sockets.length === count) console.log(`open ${count}`);
    openNext();
  });
}

function closeAll() {
  let ended = 0;
  let clean = 0;
  for (const ws of sockets) {
    ws.on('close', (code) => {
      ended++;
      if (code === 1000) clean++;
      if (ended === count) { console.log(`closed ${clean}`); process.exit(0); }
    });
    ws.close(1000);
  }
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => { if (line.includes('close')) closeAll(); });
for (let i = 0; i < 64; i++) openNext();

'use strict';
// Usage: node echo-server.js [--deflate]  → prints "listening PORT", echoes every message.
const { WebSocketServer } = require('ws');

const deflate = process.argv.includes('--deflate');
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  maxPayload: 64 * 1024 * 1024,
  perMessageDeflate: deflate ? { threshold: 0 } : false,
});
wss.on('listening', () => console.log(`listening ${wss.address().port}`));
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));

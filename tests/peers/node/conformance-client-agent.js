'use strict';
// Usage: node conformance-client-agent.js URL [AGENT]
// The ws client as an Autobahn-style client agent: asks the fuzzing server for the case count, runs
// every case echoing each message (permessage-deflate offered), then asks it to write the reports.
const WebSocket = require('ws');

const [url, agent = 'ws'] = process.argv.slice(2);

function open(path, onOpen) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}${path}`, {
      maxPayload: 64 * 1024 * 1024,
      maxFragments: 0, // group 9 sends 65536-fragment messages
      maxBufferedChunks: 0,
      perMessageDeflate: { threshold: 0 },
    });
    if (onOpen) onOpen(ws);
    ws.on('error', () => {});
    ws.on('close', () => resolve());
  });
}

(async () => {
  let count = 0;
  await open('/getCaseCount', (ws) => ws.on('message', (data) => { count = parseInt(data.toString(), 10); }));
  for (let n = 1; n <= count; n++) {
    await open(`/runCase?case=${n}&agent=${encodeURIComponent(agent)}`, (ws) =>
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  }
  await open(`/updateReports?agent=${encodeURIComponent(agent)}`);
})();

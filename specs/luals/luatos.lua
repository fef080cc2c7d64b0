---@meta
-- LuatOS-Air websocket: generated from specs/luatos.yaml (002_95aaf40131b45cf4.txt). Do not edit.

---Source: ws:on(event, callback).
---@alias WsEvent "open"|"message"|"close"|"error"|"pong"

---Source: ws:state().
---@alias WsState "CONNECTING"|"OPEN"|"CLOSING"|"CLOSED"

---Source: ws:start(keepAlive, proc, reconnTime).
---@alias MessageHandler fun(arg1: string)

---Source: websocket.new(url, cert).
---@class CertConfig
---@field caCert? string CA certificate file; present means the server certificate is verified.
---@field clientCert? string
---@field clientKey? string
---@field clientPassword? string
---@field insist? integer default 1; 0..1; 1 keeps connecting when the host name check fails.

---Source: websocket.new(url, cert).
---@class WebSocket
local WebSocket = {}

---Source: ws:on(event, callback).
---@param event WsEvent
---@param callback function
function WebSocket:on(event, callback) end

---Source: ws:connect(timeout).
---Call inside a coroutine.
---@param timeout? number milliseconds
---@return boolean connected
function WebSocket:connect(timeout) end

---Source: ws:sendFrame(fin, opcode, data).
---Call inside a coroutine.
---@param fin boolean
---@param opcode integer 0..15
---@param data string
function WebSocket:sendFrame(fin, opcode, data) end

---Source: ws:recv().
---Call inside a coroutine.
---@return boolean result
---@return string data
function WebSocket:recv() end

---Source: ws:close(code, reason).
---Call inside a coroutine.
---@param code? integer 1000, 1002, ...
---@param reason? string
---@return nil
function WebSocket:close(code, reason) end

---Source: ws:state().
---@return WsState state
function WebSocket:state() end

---Source: ws:online().
---@return boolean connected
function WebSocket:online() end

---Source: ws:start(keepAlive, proc, reconnTime). Runs in a task, reconnects automatically and sends heartbeats.
---Call inside a coroutine.
---@param keepAlive? number seconds; 180 suggested
---@param proc? MessageHandler
---@param reconnTime? number seconds; absent: 1 second
function WebSocket:start(keepAlive, proc, reconnTime) end

---Source: websocket.
---@class websocket
websocket = {}

---Source: websocket.new(url, cert).
---@param url string starts with ws:// or wss://
---@param cert? CertConfig
---@return WebSocket ws
function websocket.new(url, cert) end

---Source: websocket.exit(ws). Ends the task running ws:start for this object.
---@param ws WebSocket
function websocket.exit(ws) end

---@meta
-- coromega WebSocket: generated from specs/coromega.yaml (001_8022e993ab5ecbc9.txt). Do not edit.

---Source: create_websocket_server(host, port).
---@alias ConnHandler fun(arg1: WebSocketConn)

---Source: create_websocket_server(host, port).
---@alias DeadHandler fun(arg1: string)

---Source: when_new_msg(func).
---@alias MessageHandler fun(arg1: string|nil)

---Source: connect_to_websocket(addr, optional_header). Header name to a string or a list of values; non-string values are converted ({ "a", 2 } sends "2").
---@class HeaderTable

---Source: create_websocket_server(host, port).
---@class Listener
local Listener = {}

---Source: create_websocket_server(host, port). Each accepted connection starts a new coroutine running func(conn).
---@param func ConnHandler
---@return Listener listener
function Listener:when_new_conn(func) end

---Source: create_websocket_server(host, port). When the server stops a new coroutine runs func(reason).
---@param func DeadHandler
---@return Listener listener
function Listener:when_dead(func) end

---Source: WebSocketConn 对象的方法.
---@class WebSocketConn
local WebSocketConn = {}

---Source: send_message(message). Sends a TextMessage.
---Call inside a coroutine.
---@param message string
---@return string|nil err
function WebSocketConn:send_message(message) end

---Source: send(message). json.encode(message) sent as a TextMessage.
---Call inside a coroutine.
---@param message table
---@return string|nil err
function WebSocketConn:send(message) end

---Source: when_new_msg(func). Receives messages not taken by receive_message; nil when the connection ends.
---Call inside a coroutine.
---@param func MessageHandler
function WebSocketConn:when_new_msg(func) end

---Source: receive_message().
---Call inside a coroutine.
---@return string|nil message
function WebSocketConn:receive_message() end

---Source: WebSocket 相关 API.
---@class coromega
coromega = {}

---Source: connect_to_websocket(addr, optional_header).
---Call inside a coroutine.
---@param addr string ws://host:port[/path]
---@param optional_header? HeaderTable
---@return WebSocketConn|nil conn
function coromega:connect_to_websocket(addr, optional_header) end

---Source: create_websocket_server(host, port).
---@param host string "127.0.0.1" (local only) or "0.0.0.0"
---@param port number 1..65535
---@return Listener listener
function coromega:create_websocket_server(host, port) end

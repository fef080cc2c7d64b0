---@meta silly.net.websocket
-- silly.net.websocket: generated from specs/silly.yaml (003_e0298f5db73f26b5.txt). Do not edit.

---Source: sock:read().
---@alias FrameType "text"|"binary"|"ping"|"pong"|"close"|"continuation"

---Source: sock:write(data [, type]).
---@alias WriteType "text"|"binary"|"ping"|"pong"|"close"

---Source: Socket API.
---@class Socket
---@field conn table read-only the tcp or tls connection
---@field stream table read-only the HTTP stream
local Socket = {}

---Source: sock:read().
---Call inside a coroutine.
---@return string|nil data
---@return FrameType|string type
---@return nil|string partial
function Socket:read() end

---Source: sock:write(data [, type]).
---Call inside a coroutine.
---@param data? string|nil default ""
---@param type? WriteType default binary
---@return boolean
---@return nil|string err
function Socket:write(data, type) end

---Source: sock:close(). Sends a close frame; the socket cannot be used afterwards.
---Call inside a coroutine.
function Socket:close() end

---Source: 模块导入.
---@class silly.net.websocket
local M = {}

---Source: websocket.upgrade(stream).
---Call inside a coroutine.
---@param stream table the HTTP stream handed to an http.listen handler
---@return Socket|nil sock
---@return nil|string err
function M.upgrade(stream) end

---Source: websocket.connect(url [, header]).
---Call inside a coroutine.
---@param url string ws:// or wss://
---@param header? table<string,string>
---@return Socket|nil sock
---@return nil|string err
function M.connect(url, header) end

return M

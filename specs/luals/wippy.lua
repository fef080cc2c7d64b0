---@meta websocket
-- Wippy websocket: generated from specs/wippy.yaml (004_6b3a613581e47e1b.txt). Do not edit.

---Source: 连接选项.
---@class ConnectOptions
---@field headers? table<string,string> HTTP headers of the handshake
---@field protocols? string[] offered subprotocols
---@field dial_timeout? number|string milliseconds or duration
---@field read_timeout? number|string milliseconds or duration
---@field write_timeout? number|string milliseconds or duration
---@field compression? integer websocket.COMPRESSION.*
---@field compression_threshold? integer bytes; 0..104857600
---@field read_limit? integer bytes; 0..134217728
---@field channel_capacity? integer 1..10000

---Source: 消息对象.
---@class Message
---@field type string "text" or "binary"
---@field data string

---Source: 错误. An errors-module error object (err:message(), err:retryable(); errors.is(err, kind)).
---@class Error

---Source: 连接.
---@class Client
local Client = {}

---Source: 发送消息.
---Call inside a coroutine.
---@param data string
---@param type? integer default 1; websocket.TEXT (1) or websocket.BINARY (2)
---@return boolean ok
---@return Error|nil err
function Client:send(data, type) end

---Source: Ping.
---Call inside a coroutine.
---@return boolean ok
---@return Error|nil err
function Client:ping() end

---Source: 接收消息. The channel receiving Message tables; it closes when the connection ends.
---Call inside a coroutine.
---@return table ch
function Client:channel() end

---Source: 关闭连接.
---Call inside a coroutine.
---@param code? integer default 1000; 1000..4999
---@param reason? string default ""
---@return boolean ok
---@return Error|nil err
function Client:close(code, reason) end

---Source: 加载.
---@class websocket
local M = {}
M.TEXT = 1
M.BINARY = 2
M.TYPE_TEXT = "text"
M.TYPE_BINARY = "binary"
M.TYPE_PING = "ping"
M.TYPE_PONG = "pong"
M.TYPE_CLOSE = "close"
M.COMPRESSION = {}
M.COMPRESSION.DISABLED = 0
M.COMPRESSION.CONTEXT_TAKEOVER = 1
M.COMPRESSION.NO_CONTEXT = 2
M.CLOSE_CODES = {}
M.CLOSE_CODES.NORMAL = 1000
M.CLOSE_CODES.GOING_AWAY = 1001
M.CLOSE_CODES.PROTOCOL_ERROR = 1002
M.CLOSE_CODES.UNSUPPORTED_DATA = 1003
M.CLOSE_CODES.NO_STATUS = 1005
M.CLOSE_CODES.ABNORMAL_CLOSURE = 1006
M.CLOSE_CODES.INVALID_PAYLOAD = 1007
M.CLOSE_CODES.POLICY_VIOLATION = 1008
M.CLOSE_CODES.MESSAGE_TOO_BIG = 1009
M.CLOSE_CODES.INTERNAL_ERROR = 1011
M.CLOSE_CODES.SERVICE_RESTART = 1012
M.CLOSE_CODES.TRY_AGAIN_LATER = 1013

---Source: 连接.
---Call inside a coroutine.
---@param url string ws:// or wss://
---@param options? ConnectOptions
---@return Client|nil client
---@return nil|Error err
function M.connect(url, options) end

return M

---@meta
-- HOOZi net (HTTP + WebSocket): generated from specs/hoozi.yaml (000_85bd907d9997a923.txt). Do not edit.

---Source: net.http.
---@alias HttpCallback fun(resp: HttpResponse)

---Source: net.ws:connect(url, callbacks) → ws_id : int.
---@alias WsOpenCallback fun(id: integer)

---Source: net.ws:connect(url, callbacks) → ws_id : int.
---binary: Moonwire extension; true when the message arrived as binary.
---@alias WsMessageCallback fun(id: integer, msg: string, binary: boolean)

---Source: net.ws:connect(url, callbacks) → ws_id : int.
---@alias WsErrorCallback fun(id: integer, err: string)

---Source: net.ws:connect(url, callbacks) → ws_id : int.
---@alias WsCloseCallback fun(id: integer, code: integer, reason: string)

---Source: net.http:request(url, method, options, callback) — 任意 method.
---@class HttpOptions
---@field headers? table<string,string>
---@field body? string May be empty for GET.
---@field content_type? string Synthesises a Content-Type header.
---@field save_to_file? string When non-empty the body streams to this file and resp.body is empty.
---@field timeout? integer default 10; seconds

---Source: net.http.
---@class HttpResponse
---@field status integer
---@field body string
---@field error string
---@field ok boolean

---Source: net.ws:connect(url, callbacks) → ws_id : int.
---@class WsClientCallbacks
---@field on_open? WsOpenCallback
---@field on_message? WsMessageCallback
---@field on_error? WsErrorCallback
---@field on_close? WsCloseCallback

---Source: net.ws_server:listen(port, callbacks) → WsServer | nil.
---@class WsServerCallbacks
---@field on_open? WsOpenCallback A client completed the handshake.
---@field on_message? WsMessageCallback Text or binary message.
---@field on_error? WsErrorCallback
---@field on_close? WsCloseCallback Remote or local close.

---Source: WsServer 方法.
---@class WsServer
---@field id integer read-only
local WsServer = {}

---Source: WsServer 方法. Sends a text message to one client.
---@param client integer
---@param msg string
---@param binary? boolean Moonwire extension; default false; true sends binary; otherwise text, or binary when msg is not UTF-8.
---@return boolean queued
function WsServer:send(client, msg, binary) end

---Source: WsServer 方法. Sends a text message to every client of this server.
---@param msg string
---@param binary? boolean Moonwire extension; default false; true sends binary; otherwise text, or binary when msg is not UTF-8.
function WsServer:broadcast(msg, binary) end

---Source: WsServer 方法.
---@param client integer
---@param code? integer default 1000
---@param reason? string default ""
function WsServer:disconnect(client, code, reason) end

---Source: WsServer 方法. Closes the server and every client, then joins its thread.
function WsServer:close() end

---Source: WsServer 方法.
---@return boolean running
function WsServer:is_open() end

---Source: WsServer 方法.
---@return integer count
function WsServer:client_count() end

---Source: net.http.
---@class net
net = {}
---@class net.http
net.http = {}

---Source: net.http:get(url, callback, timeout?).
---@param url string
---@param callback HttpCallback
---@param timeout? integer default 10; seconds
---@overload fun(self: net.http, url: string, options: HttpOptions, callback: HttpCallback)
function net.http:get(url, callback, timeout) end

---Source: net.http:post(url, body, content_type, callback, timeout?).
---@param url string
---@param body string
---@param content_type string
---@param callback HttpCallback
---@param timeout? integer default 10; seconds
---@overload fun(self: net.http, url: string, options: HttpOptions, callback: HttpCallback)
function net.http:post(url, body, content_type, callback, timeout) end

---Source: net.http:request(url, method, options, callback) — 任意 method.
---@param url string
---@param method string GET / POST / PUT / DELETE / PATCH and others
---@param options HttpOptions
---@param callback HttpCallback
function net.http:request(url, method, options, callback) end

---Source: net.ws.
---@class net.ws
net.ws = {}

---Source: net.ws:connect(url, callbacks) → ws_id : int.
---@param url string
---@param callbacks WsClientCallbacks
---@return integer ws_id
function net.ws:connect(url, callbacks) end

---Source: net.ws:send(id, msg) → bool.
---@param id integer
---@param msg string
---@param binary? boolean Moonwire extension; default false; true sends binary; otherwise text, or binary when msg is not UTF-8.
---@return boolean queued
function net.ws:send(id, msg, binary) end

---Source: net.ws:close(id).
---@param id integer
function net.ws:close(id) end

---Source: net.ws:is_open(id) → bool.
---@param id integer
---@return boolean open
function net.ws:is_open(id) end

---Source: net.ws_server.
---@class net.ws_server
net.ws_server = {}

---Source: net.ws_server:listen(port, callbacks) → WsServer | nil. Listens on 127.0.0.1 only; nil when the port is taken.
---@param port integer 1..65535
---@param callbacks WsServerCallbacks
---@return WsServer|nil server
function net.ws_server:listen(port, callbacks) end

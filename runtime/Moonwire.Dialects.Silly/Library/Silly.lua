-- The modules silly's WebSocket document uses besides silly.net.websocket: silly, silly.task,
-- silly.net.http and silly.sync.channel. Arguments are checked and errors raised here, on Lua's
-- side; raw.silly_* (SillyLibrary.cs) only ever return a status first (see docs/lua-boundary.md).
local finish, raw = ...
local spawn = moonwire.spawn
local error, type, select, pairs, pcall, setmetatable = error, type, select, pairs, pcall, setmetatable
local remove = table.remove

local function typename(n, ...)
  if select("#", ...) < n then return "no value" end
  return type((select(n, ...)))
end

local function check(fname, n, expected, ...)
  local actual = typename(n, ...)
  if actual ~= expected then
    error(("bad argument #%d to '%s' (%s expected, got %s)"):format(n, fname, expected, actual), 3)
  end
end

local function module(name)
  local t = {}
  package.loaded[name] = t
  return t
end

-- {name = value} → {name, value, ...}: C# reads it with integer indexes only.
local function flatten(fname, n, header)
  local flat = {}
  for name, value in pairs(header) do
    if type(name) ~= "string" or (type(value) ~= "string" and type(value) ~= "number") then
      error(("bad argument #%d to '%s' (header names and values must be strings)"):format(n, fname), 3)
    end
    flat[#flat + 1] = name
    flat[#flat + 1] = tostring(value)
  end
  return flat
end

local registry = debug.getregistry()
registry["silly.HttpServer"] = {
  __name = "silly.HttpServer",
  __index = { close = function(self) finish(raw.silly_http_server_close(self)) end },
  __gc = raw.silly_release,
}
registry["silly.HttpConn"] = { __name = "silly.HttpConn", __gc = raw.silly_release }
registry["silly.Signal"] = { __name = "silly.Signal", __gc = raw.silly_release }

-- silly: the core module; the examples only require it.
module("silly")

-- silly.task
local task = module("silly.task")
function task.fork(...)
  check("fork", 1, "function", ...)
  return spawn(...)
end

-- silly.sync.channel: an unbounded FIFO; recv waits (in a coroutine) until a value is sent.
local channel = module("silly.sync.channel")
local Channel = {}
Channel.__index = Channel

function channel.new()
  return setmetatable({ items = {}, first = 1, last = 0, waiters = {} }, Channel)
end

function Channel:send(value)
  self.last = self.last + 1
  self.items[self.last] = value
  local waiter = remove(self.waiters, 1)
  if waiter then finish(raw.silly_signal_set(waiter)) end
end

function Channel:recv()
  if not coroutine.isyieldable() then error("'recv' must be called inside a coroutine", 2) end
  -- Woken receivers recheck: another one may have taken the value first.
  while self.first > self.last do
    local signal = finish(raw.silly_signal_new())
    self.waiters[#self.waiters + 1] = signal
    finish(raw.silly_signal_wait(signal))
  end
  local value = self.items[self.first]
  self.items[self.first] = nil
  self.first = self.first + 1
  return value
end

-- Later upstream names for the same calls.
Channel.push = Channel.send
Channel.pop = Channel.recv

-- silly.net.http: a server whose handler runs in its own coroutine per request, with a stream.
local http = module("silly.net.http")
local Stream = {}
Stream.__index = Stream

function Stream:respond(status, header)
  check("respond", 1, "number", status)
  if header ~= nil and type(header) ~= "table" then check("respond", 2, "table", header) end
  finish(raw.silly_http_respond(self.conn, status, flatten("respond", 2, header or {})))
end

function Stream:close(body)
  if body ~= nil and type(body) ~= "string" then check("close", 1, "string", body) end
  finish(raw.silly_http_close(self.conn, body))
end

Stream.closewrite = Stream.close

local function serve(handler, conn)
  local method, path, version, header = finish(raw.silly_http_request(conn))
  local stream = setmetatable({ method = method, path = path, version = version, header = header, conn = conn }, Stream)
  local ok, err = pcall(handler, stream)
  -- A handler that returns without answering still ends its request (an empty 200, or what it set).
  finish(raw.silly_http_close(conn))
  if not ok then error(err, 0) end
end

function http.listen(...)
  check("listen", 1, "table", ...)
  local conf = ...
  if type(conf.addr) ~= "string" then
    error(("bad argument #1 to 'listen' (field 'addr' string expected, got %s)"):format(type(conf.addr)), 2)
  end
  if type(conf.handler) ~= "function" then
    error(("bad argument #1 to 'listen' (field 'handler' function expected, got %s)"):format(type(conf.handler)), 2)
  end
  if conf.certs ~= nil and type(conf.certs) ~= "table" then
    error(("bad argument #1 to 'listen' (field 'certs' table expected, got %s)"):format(type(conf.certs)), 2)
  end
  local server, err = finish(raw.silly_http_listen(conf.addr, conf.certs))
  if not server then return nil, err end
  local handler = conf.handler
  spawn(function()
    while true do
      local conn = finish(raw.silly_http_accept(server))
      if not conn then return end
      spawn(serve, handler, conn)
    end
  end)
  return server
end

-- silly.net.websocket.connect takes a {name = value} header table; the raw binding takes it flattened.
local websocket = package.loaded["silly.net.websocket"]
local connect = websocket.connect
function websocket.connect(...)
  local url, header = ...
  if type(header) == "table" then
    return connect(url, flatten("connect", 2, header), select(3, ...))
  end
  -- Passed on as given, so the binding's own checks see "no value" where nothing was passed.
  return connect(...)
end

-- The Lua half of the LuatOS-Air dialect: the sys task model and log module the platform's scripts
-- use, the Lua 5.1 globals they expect, and the websocket methods the official demo calls that the
-- document leaves out (ws:send, ws:ping, ws:pong). The websocket itself is C# (LuatosWebSocket).
local spawn, sleep, after = moonwire.spawn, moonwire.sleep, moonwire.after
local pack, unpack = table.pack, table.unpack
local isyieldable = coroutine.isyieldable

-- Lua 5.1 globals (the platform runs Lua 5.1).
_G.unpack = unpack
_G.loadstring = load
table.getn = function(t) return #t end
math.pow = function(x, y) return x ^ y end
bit = {
  band = function(a, ...) for _, b in ipairs({ ... }) do a = a & b end return a end,
  bor = function(a, ...) for _, b in ipairs({ ... }) do a = a | b end return a end,
  bxor = function(a, ...) for _, b in ipairs({ ... }) do a = a ~ b end return a end,
  bnot = function(a) return ~a & 0xFFFFFFFF end,
  lshift = function(a, n) return (a << n) & 0xFFFFFFFF end,
  rshift = function(a, n) return (a & 0xFFFFFFFF) >> n end,
  bit = function(n) return 1 << n end,
  isset = function(a, n) return a & (1 << n) ~= 0 end,
  isclear = function(a, n) return a & (1 << n) == 0 end,
}

-- sys: tasks are host coroutines. taskInit starts the task on the host's next turn (the platform
-- resumes it at once); sys.run() returns at once, since the host's own loop runs after the script.
sys = {}

function sys.taskInit(fn, ...)
  return spawn(fn, ...)
end

function sys.wait(ms)
  if not isyieldable() then error("sys.wait must be called inside a task (sys.taskInit)", 2) end
  if type(ms) ~= "number" or ms <= 0 then error("bad argument #1 to 'wait' (positive number expected)", 2) end
  sleep(math.max(ms, 5) / 1000)
end

function sys.run() end

local timers, lastTimer = {}, 0

-- Called as a tail call, so level 2 is the script's line.
local function startTimer(name, loop, fn, ms, ...)
  if type(fn) ~= "function" then error("bad argument #1 to '" .. name .. "' (function expected, got " .. type(fn) .. ")", 2) end
  if type(ms) ~= "number" or ms <= 0 then error("bad argument #2 to '" .. name .. "' (positive number expected)", 2) end
  lastTimer = lastTimer + 1
  local id, args = lastTimer, pack(...)
  local function fire()
    if loop then
      timers[id] = after(ms / 1000, fire)
    else
      timers[id] = nil
    end
    fn(unpack(args, 1, args.n))
  end
  timers[id] = after(ms / 1000, fire)
  return id
end

function sys.timerStart(fn, ms, ...) return startTimer("timerStart", false, fn, ms, ...) end

function sys.timerLoopStart(fn, ms, ...) return startTimer("timerLoopStart", true, fn, ms, ...) end

function sys.timerStop(id)
  local timer = timers[id]
  if timer then
    timer:cancel()
    timers[id] = nil
  end
end

function sys.timerIsActive(id)
  return timers[id] ~= nil
end

-- Messages: subscribers are functions, called on a later turn in publish order.
local subscribers = {}

function sys.subscribe(id, fn)
  subscribers[id] = subscribers[id] or {}
  subscribers[id][fn] = true
end

function sys.unsubscribe(id, fn)
  if subscribers[id] then subscribers[id][fn] = nil end
end

function sys.publish(id, ...)
  local args = pack(...)
  after(0, function()
    for fn in pairs(subscribers[id] or {}) do fn(unpack(args, 1, args.n)) end
  end)
end

-- log: "[I]-[tag] ..." lines, filtered by the global LOG_LEVEL (default INFO). The device prints to
-- its trace port; here they go to the host's log at the matching level.
log = { LOGLEVEL_TRACE = 1, LOGLEVEL_DEBUG = 2, LOGLEVEL_INFO = 3, LOGLEVEL_WARN = 4, LOGLEVEL_ERROR = 5, LOGLEVEL_FATAL = 6 }

local function logger(level, letter, hostLevel)
  return function(tag, ...)
    if level >= (LOG_LEVEL or log.LOGLEVEL_INFO) then
      moonwire.log(hostLevel, "[" .. letter .. "]-[" .. tostring(tag) .. "]", ...)
    end
  end
end

log.trace = logger(1, "T", "debug")
log.debug = logger(2, "D", "debug")
log.info = logger(3, "I", "info")
log.warn = logger(4, "W", "warn")
log.error = logger(5, "E", "error")
log.fatal = logger(6, "F", "error")

-- socket.isReady(): the platform's "network attached"; a desktop is always online.
socket = { isReady = function() return true end }

-- ws:send / ws:ping / ws:pong: the real library queues send and ping for the websocket's task; here
-- each becomes one frame, in call order, from a task of its own, so they work from any code.
local methods = debug.getregistry()["luatos.WebSocket"].__index

local function queued(opcode, name)
  return function(self, data, text)
    if type(data) ~= "string" and type(data) ~= "number" then
      error("bad argument #1 to '" .. name .. "' (string expected, got " .. type(data) .. ")", 2)
    end
    local op = (opcode == 2 and text) and 1 or opcode
    spawn(function() self:sendFrame(true, op, tostring(data)) end)
  end
end

methods.send = queued(2, "send")
methods.ping = queued(9, "ping")
methods.pong = queued(10, "pong")

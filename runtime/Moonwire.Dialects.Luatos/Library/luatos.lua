-- The Lua half of the LuatOS-Air dialect: the sys task model and log module the platform's scripts
-- use, the Lua 5.1 globals they expect, and the websocket methods the official demo calls that the
-- document leaves out (ws:send, ws:ping, ws:pong). The websocket itself is C# (LuatosWebSocket).
local spawn, park, wake, after = moonwire.spawn, moonwire.park, moonwire.wake, moonwire.after
local pack, unpack = table.pack, table.unpack
local isyieldable, running = coroutine.isyieldable, coroutine.running

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

-- Suspends the task for ms (nil: until woken). Returns what an early wake-up hands it (a message that
-- sys.waitUntil subscribed the task to: its id and values), nothing when the time ran out; the
-- platform's wait returns what coroutine.resume gave its yield, the same thing.
local function suspend(ms)
  local woken = pack(park(ms and ms / 1000))
  if woken[1] then return unpack(woken, 2, woken.n) end
end

local function checkTask(name, level)
  if not isyieldable() then error("sys." .. name .. " must be called inside a task (sys.taskInit)", level + 1) end
end

-- The platform's timers cannot be shorter than 5 ms.
local function checkMs(name, position, ms, level)
  if type(ms) ~= "number" or ms <= 0 then
    error("bad argument #" .. position .. " to '" .. name .. "' (positive number expected)", level + 1)
  end
  return math.max(ms, 5)
end

function sys.wait(ms)
  checkTask("wait", 2)
  return suspend(checkMs("wait", 1, ms, 2))
end

-- waitUntil and waitUntilExt: subscribe the task itself to message id, wait for it or for ms (absent:
-- for ever), and give back the wake-up's values (id first), empty when the time ran out.
local function waitFor(name, id, ms)
  checkTask(name, 3)
  if ms ~= nil then ms = checkMs(name, 2, ms, 3) end
  local task = running()
  sys.subscribe(id, task)
  local message = pack(suspend(ms))
  sys.unsubscribe(id, task)
  return message
end

-- true and the message's values, or false on timeout.
function sys.waitUntil(id, ms)
  local message = waitFor("waitUntil", id, ms)
  return message[1] ~= nil, unpack(message, 2, message.n)
end

-- The message's id and values, or false on timeout.
function sys.waitUntilExt(id, ms)
  local message = waitFor("waitUntilExt", id, ms)
  if message[1] ~= nil then return unpack(message, 1, message.n) end
  return false
end

function sys.run() end

-- The platform's start-up powers the modem on; all that is left here is its check of the two globals
-- every project's main.lua defines.
function sys.init()
  if not (PROJECT and PROJECT ~= "" and VERSION and VERSION ~= "") then error("Undefine PROJECT or VERSION", 2) end
end

-- Timers: id → { timer = the host's, fn, args }. A timer is named by its id or by its function and
-- arguments, as on the platform.
local timers, lastTimer = {}, 0

local function sameArgs(a, b)
  if a.n ~= b.n then return false end
  for i = 1, a.n do
    if a[i] ~= b[i] then return false end
  end
  return true
end

local function findTimer(fn, args)
  for id, entry in pairs(timers) do
    if entry.fn == fn and sameArgs(entry.args, args) then return id end
  end
end

local function stopTimer(id)
  timers[id].timer:cancel()
  timers[id] = nil
end

-- Called as a tail call, so level 2 is the script's line. Starting a timer first stops one with the
-- same function and arguments.
local function startTimer(name, loop, fn, ms, ...)
  if type(fn) ~= "function" then error("bad argument #1 to '" .. name .. "' (function expected, got " .. type(fn) .. ")", 2) end
  ms = checkMs(name, 2, ms, 2)
  local args = pack(...)
  local same = findTimer(fn, args)
  if same then stopTimer(same) end
  lastTimer = lastTimer + 1
  local id, entry = lastTimer, { fn = fn, args = args }
  local function fire()
    if loop then
      entry.timer = after(ms / 1000, fire)
    else
      timers[id] = nil
    end
    fn(unpack(args, 1, args.n))
  end
  entry.timer = after(ms / 1000, fire)
  timers[id] = entry
  return id
end

function sys.timerStart(fn, ms, ...) return startTimer("timerStart", false, fn, ms, ...) end

function sys.timerLoopStart(fn, ms, ...) return startTimer("timerLoopStart", true, fn, ms, ...) end

-- timerStop(id) or timerStop(fn, ...): the timer of fn started with exactly these arguments.
function sys.timerStop(val, ...)
  local id = val
  if type(val) ~= "number" then id = findTimer(val, pack(...)) end
  if timers[id] then stopTimer(id) end
end

function sys.timerStopAll(fn)
  for id, entry in pairs(timers) do
    if entry.fn == fn then stopTimer(id) end
  end
end

-- By id: the timer's function while it is active; by function and arguments: true. Otherwise nil.
function sys.timerIsActive(val, ...)
  if type(val) == "number" then
    local entry = timers[val]
    return entry and entry.fn
  end
  if findTimer(val, pack(...)) then return true end
end

-- Messages: subscribers are functions, called with the message's values, or tasks, woken with its id
-- and values (a task in sys.waitUntil). Messages are dispatched on a later turn, in publish order.
local subscribers = {}

local function validSubscriber(name, id, callback)
  if type(id) == "string" and (type(callback) == "function" or type(callback) == "thread") then return true end
  log.warn("warning: sys." .. name .. " invalid parameter", id, callback)
  return false
end

function sys.subscribe(id, callback)
  if not validSubscriber("subscribe", id, callback) then return end
  subscribers[id] = subscribers[id] or {}
  subscribers[id][callback] = true
end

function sys.unsubscribe(id, callback)
  if not validSubscriber("unsubscribe", id, callback) then return end
  local set = subscribers[id]
  if not set then return end
  set[callback] = nil
  if next(set) == nil then subscribers[id] = nil end
end

-- Those subscribed when the message is dispatched, unless one of them unsubscribes a later one.
local function dispatch(message)
  local set = subscribers[message[1]]
  if not set then return end
  local callbacks = {}
  for callback in pairs(set) do callbacks[#callbacks + 1] = callback end
  for _, callback in ipairs(callbacks) do
    if set[callback] then
      if type(callback) == "function" then
        callback(unpack(message, 2, message.n))
      else
        wake(callback, unpack(message, 1, message.n))
      end
    end
  end
end

function sys.publish(...)
  local message = pack(...)
  after(0, function() dispatch(message) end)
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

-- Where the C# ws:on keeps callbacks (EventCallbacks): ws → { [event] = callback } with weak keys, so a
-- callback that uses its own ws does not keep it alive, and the C# object's id → ws with weak values.
do
  local registry = debug.getregistry()
  registry["luatos.callbacks"] = setmetatable({}, { __mode = "k" })
  registry["luatos.objects"] = setmetatable({}, { __mode = "v" })
end

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

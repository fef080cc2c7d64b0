-- The supporting side of the coromega dialect, run once after the generated bindings with (finish, raw):
-- the LuaLoader modules coromega scripts load (omega, coromega's scheduler methods, json) and the
-- Lua 5.1 globals of gopher-lua, the original's runtime.
local finish, raw = ...

-- Lua 5.1 globals.
unpack = table.unpack
loadstring = load
table.getn = function(t) return #t end
math.pow = function(x, y) return x ^ y end

-- bit: the LuaJIT BitOp functions scripts for 5.1 runtimes reach for; results are signed 32-bit.
local function tobit(x)
  x = math.floor(x) & 0xFFFFFFFF
  if x >= 0x80000000 then return x - 0x100000000 end
  return x
end
local function fold(op)
  return function(x, ...)
    local r = tobit(x)
    for i = 1, select("#", ...) do r = tobit(op(r, tobit((select(i, ...))))) end
    return r
  end
end
bit = {
  tobit = tobit,
  bnot = function(x) return tobit(~tobit(x)) end,
  band = fold(function(a, b) return a & b end),
  bor = fold(function(a, b) return a | b end),
  bxor = fold(function(a, b) return a ~ b end),
  lshift = function(x, n) return tobit(tobit(x) << (n & 31)) end,
  rshift = function(x, n) return tobit((tobit(x) & 0xFFFFFFFF) >> (n & 31)) end,
  arshift = function(x, n) return tobit(tobit(x) // (1 << (n & 31))) end,
}
package.loaded.bit = bit

-- json: encode as the original's module does (see LuaJson.cs).
local raw_encode = raw.coromega_json_encode
local json = {}
function json.encode(...)
  local s, r = raw_encode(...)
  if s == 0 then return r end
  return finish(s, r)
end
package.loaded.json = json

-- omega: only what coromega scripts use to find their own files. Code lives under the script's folder.
local omega = { storage_path = {} }
function omega.storage_path.get_code_path(...)
  return moonwire.path(table.concat({ ... }, "/"))
end
package.loaded.omega = omega

-- coromega: the generated module plus the scheduler methods of the original wrapper.
local coromega = package.loaded.coromega

local function expect(position, name, expected, value)
  if type(value) ~= expected then
    error(("bad argument #%d to '%s' (%s expected, got %s)"):format(position, name, expected, type(value)), 3)
  end
end

function coromega.from(_)
  return coromega
end

-- A new session; it starts on the host's next turn rather than at once, before any message is routed.
function coromega:start_new(fn, ...)
  expect(1, "start_new", "function", fn)
  return moonwire.spawn(fn, ...)
end

-- Only a session may sleep: the original's sleep outside one blocks every session, which the host refuses.
function coromega:sleep(seconds)
  expect(1, "sleep", "number", seconds)
  if not coroutine.isyieldable() then
    error("'sleep' must be called inside a coroutine (start one with coromega:start_new)", 2)
  end
  return moonwire.sleep(seconds)
end

local function show(value)
  if math.type(value) == "float" then
    local whole = value == math.floor(value) and math.tointeger(value)
    if whole then return tostring(whole) end
    if value == value and value ~= math.huge and value ~= -math.huge then return ("%0.3f"):format(value) end
  elseif type(value) == "table" then
    local ok, text = pcall(json.encode, value)
    if ok then return text end
  end
  return tostring(value)
end

-- Values joined by spaces, whole numbers without ".0", fractions to three places, tables as JSON.
function coromega:print(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = show((select(i, ...))) end
  print(table.concat(parts, " "))
end

-- The host dispatches events once the script's main chunk returns, and stops when nothing is left
-- (a server keeps it running), so run() has nothing to do; it returns at once.
function coromega:run()
end

-- Moonwire extension, not in the original: conn:send_binary(data) → err | nil. With receive_message's
-- second result (true for a binary message) a script can answer in kind.
local raw_send_binary = raw.coromega_send_binary
local conn_methods = debug.getregistry()["coromega.WebSocketConn"].__index
function conn_methods.send_binary(...)
  if not coroutine.isyieldable() then error("'send_binary' must be called inside a coroutine", 2) end
  local s, r = raw_send_binary(...)
  if s == 0 then return r end
  return finish(s, r)
end

-- Go-style channels for Wippy scripts: buffered queues that coroutines wait on, and select.
-- A waiting coroutine parks on a gate (raw.wippy_gate/wait/open) that any change to the channel opens;
-- woken waiters look again, so whoever comes first is served.
local finish, raw = ...
local new_gate, wait, open = raw.wippy_gate, raw.wippy_wait, raw.wippy_open
local isyieldable = coroutine.isyieldable

local Channel = {}
Channel.__index = Channel
Channel.__name = "wippy.channel"

local channel = {}

-- new(size): a channel holding up to size values; 0 (unbuffered in Go) holds one.
function channel.new(size)
  if size ~= nil and math.type(size) ~= "integer" then
    error("bad argument #1 to 'new' (integer expected, got " .. type(size) .. ")", 2)
  end
  return setmetatable({ queue = {}, first = 1, last = 0, size = math.max(size or 0, 1), closed = false, waiters = {} }, Channel)
end

local function wake(ch)
  local waiters = ch.waiters
  if next(waiters) == nil then return end
  ch.waiters = {}
  for gate in pairs(waiters) do open(gate) end
end

local function count(ch)
  return ch.last - ch.first + 1
end

-- ready, value, ok: a value if one is queued, else (nil, false) once closed. A channel fed on demand
-- (a connection's, see stream.lua) is asked for a value when a receiver finds it empty.
local function try_receive(ch)
  if count(ch) > 0 then
    local value = ch.queue[ch.first]
    ch.queue[ch.first] = nil
    ch.first = ch.first + 1
    wake(ch)
    return true, value, true
  end
  if ch.closed then return true, nil, false end
  if ch.demand then ch.demand() end
  return false
end

local function try_send(ch, value)
  if ch.closed then error("send on closed channel", 3) end
  if count(ch) >= ch.size then return false end
  ch.last = ch.last + 1
  ch.queue[ch.last] = value
  wake(ch)
  return true
end

-- Waits until any of the channels changes.
local function park(channels)
  if not isyieldable() then
    error("this channel operation has to wait, which only a coroutine can do", 3)
  end
  local _, gate = new_gate()
  for _, ch in ipairs(channels) do ch.waiters[gate] = true end
  finish(wait(gate))
  for _, ch in ipairs(channels) do ch.waiters[gate] = nil end
end

-- receive() → value, true; or nil, false once the channel is closed and empty.
function Channel:receive()
  while true do
    local ready, value, ok = try_receive(self)
    if ready then return value, ok end
    park({ self })
  end
end

function Channel:send(value)
  while not try_send(self, value) do park({ self }) end
  return true
end

function Channel:close()
  if self.closed then error("close of closed channel", 2) end
  self.closed = true
  wake(self)
end

function Channel:case_receive()
  return { receive = true, channel = self, source = self }
end

function Channel:case_send(value)
  return { receive = false, channel = self, source = self, value = value }
end

local function try_case(case)
  if case.receive then
    local ready, value, ok = try_receive(case.source)
    if ready then return { channel = case.channel, value = value, ok = ok } end
  elseif try_send(case.source, case.value) then
    return { channel = case.channel, ok = true }
  end
end

-- select{case..., default = true?} → {channel, value, ok} of one ready case (chosen at random among
-- the ready ones, as Go does), or {default = true} at once when none is ready and default is set.
function channel.select(cases)
  if type(cases) ~= "table" then
    error("bad argument #1 to 'select' (table expected, got " .. type(cases) .. ")", 2)
  end
  local n = #cases
  for i = 1, n do
    if type(cases[i]) ~= "table" or cases[i].source == nil then
      error("bad argument #1 to 'select' (case " .. i .. " is not a channel case)", 2)
    end
  end
  local sources = {}
  for i = 1, n do sources[i] = cases[i].source end
  while true do
    local start = n > 0 and math.random(n) or 1
    for k = 0, n - 1 do
      local result = try_case(cases[(start + k - 1) % n + 1])
      if result then return result end
    end
    if cases.default then return { default = true, ok = true } end
    if n == 0 then error("select with no cases would wait forever", 2) end
    park(sources)
  end
end

_G.channel = channel
package.loaded.channel = channel

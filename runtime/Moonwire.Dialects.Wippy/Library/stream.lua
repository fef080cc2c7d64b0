-- client:channel() returns a "wippy.Stream" userdata; this file makes it a channel. The first use
-- starts a coroutine that reads messages (raw.wippy_receive) into a Lua channel of channel_capacity
-- entries, waiting while it is full, and closes it when the connection ends.
local finish, raw = ...
local channel = package.loaded.channel
local stream_info, receive = raw.wippy_stream, raw.wippy_receive

-- One Lua channel per client (by id) while any of its stream userdata lives.
local by_client = setmetatable({}, { __mode = "v" })
local by_stream = setmetatable({}, { __mode = "k" })

local function pump(stream, ch)
  while true do
    local kind, data = finish(receive(stream))
    if kind == nil then break end
    ch:send({ type = kind, data = data })
  end
  ch:close()
end

local function channel_of(stream)
  local ch = by_stream[stream]
  if ch then return ch end
  local _, id, capacity = stream_info(stream)
  ch = by_client[id]
  if ch == nil then
    ch = channel.new(capacity)
    by_client[id] = ch
    moonwire.spawn(pump, stream, ch)
  end
  by_stream[stream] = ch
  return ch
end

local methods = {}

function methods:receive()
  return channel_of(self):receive()
end

function methods:case_receive()
  local case = channel_of(self):case_receive()
  case.channel = self
  return case
end

debug.getregistry()["wippy.Stream"] = {
  __name = "wippy.Stream",
  __index = methods,
  __gc = raw.wippy_release,
}

-- client:channel() returns a "wippy.Stream" userdata; this file makes it a channel. The first use
-- starts a coroutine that moves messages (raw.wippy_receive) into a Lua channel and closes it when the
-- connection ends. The C# side reads a message only once a receiver has found the channel empty
-- (raw.wippy_demand): reading ahead would let the engine see, and answer, a peer's Close before the
-- script has sent its replies to the messages before it.
local finish, raw = ...
local channel = package.loaded.channel
local stream_info, receive = raw.wippy_stream, raw.wippy_receive
local demand = raw.wippy_demand

-- One Lua channel per client (by id) while any of its stream userdata lives.
local by_client = setmetatable({}, { __mode = "v" })
local by_stream = setmetatable({}, { __mode = "k" })

local function read(stream, ch)
  while true do
    local kind, data = finish(receive(stream))
    if kind == nil then break end
    ch:send({ type = kind, data = data })
  end
  ch.demand = nil
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
    ch.demand = function() demand(stream) end
    moonwire.spawn(read, stream, ch)
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

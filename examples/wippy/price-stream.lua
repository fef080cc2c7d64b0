--!dialect wippy
-- The document's price stream with keep-alive: subscribe, then select between prices and a 30 s
-- heartbeat that pings. Usage: moonwire run price-stream.lua ws://127.0.0.1:PORT/prices
local url = ... or "ws://127.0.0.1:9001/prices"
local websocket = require("websocket")

local function update_price(symbol, value)
  print(symbol, value)
end

local client = websocket.connect(url)

client:send(json.encode({
  action = "subscribe",
  symbols = {"BTC-USD", "ETH-USD"}
}))

local ch = client:channel()
local heartbeat = time.after("30s")

while true do
  local r = channel.select {
    ch:case_receive(),
    heartbeat:case_receive()
  }

  if r.channel == heartbeat then
    client:ping()
    heartbeat = time.after("30s")
  elseif not r.ok then
    break -- Connection closed
  else
    local price = json.decode(r.value.data)
    update_price(price.symbol, price.value)
  end
end

client:close()
print("stream closed")

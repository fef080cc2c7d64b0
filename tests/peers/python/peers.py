"""Real python-websockets peers for the interop tests (Debian's python3-websockets).

Usage:
  peers.py echo-server [--deflate]            prints "listening PORT", echoes every message
  peers.py echo-check URL [--deflate] SIZE…   sends text and binary of each size, checks each echo
"""
import asyncio
import sys

import websockets

PATTERN = "héllo wörld € 😀 ".encode("utf-8")


def payload(size, text):
    if text:
        whole = PATTERN * (size // len(PATTERN))
        return whole + b"x" * (size - len(whole))
    return bytes((i * 31 + 7) & 0xFF for i in range(size))


# Keepalive off: on a loaded test machine its 20 s pong deadline can end a slow 16 MiB exchange.
KEEPALIVE = {"ping_interval": None}


def compression(args):
    return "deflate" if "--deflate" in args else None


async def echo_server(args):
    async def echo(ws, *_):
        async for message in ws:
            await ws.send(message)

    async with websockets.serve(echo, "127.0.0.1", 0, compression=compression(args), max_size=64 * 1024 * 1024, **KEEPALIVE) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(f"listening {port}", flush=True)
        await asyncio.Future()


async def echo_check(args):
    url, rest = args[0], args[1:]
    sizes = [int(a) for a in rest if not a.startswith("--")]
    async with websockets.connect(url, compression=compression(rest), max_size=64 * 1024 * 1024, **KEEPALIVE) as ws:
        for size in sizes:
            for text in (True, False):
                expected = payload(size, text)
                await ws.send(expected.decode("utf-8") if text else expected)
                got = await ws.recv()
                got_bytes = got.encode("utf-8") if isinstance(got, str) else got
                if isinstance(got, str) != text or got_bytes != expected:
                    print(f"mismatch size={size} text={text} got={len(got_bytes)}", flush=True)
                    sys.exit(1)
        negotiated = bool(ws.response_headers.get("Sec-WebSocket-Extensions"))
        print(f"ok {len(sizes) * 2} deflate={'true' if negotiated else 'false'}", flush=True)


if __name__ == "__main__":
    mode, rest = sys.argv[1], sys.argv[2:]
    asyncio.run(echo_server(rest) if mode == "echo-server" else echo_check(rest))

"""The kernel cap under a burst, on a real Voilà as `make dashboard` starts it: 50 plain GETs of
the key-figure page at once on an idle server with MAX_KERNELS=4, then the kernel processes
counted (each is an ``ipykernel_launcher`` child of the server). Prints one table row; run it
by hand (about a minute; starts Voilà on a free loopback port)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benelux_indicators.present import serving  # noqa: E402


def kernels(server_pid: int) -> int:
    out = subprocess.run(["ps", "-o", "pid=,ppid=,args=", "-e"], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if f" {server_pid} " in f" {line.split(None, 2)[1]} "
               and "ipykernel_launcher" in line)


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main(visits: int = 50, cap: int = 4) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    argv = serving.command(port=port, max_kernels=cap, cull=120)
    server = subprocess.Popen(argv, env={**serving.environment(), "BENELUX_OFFLINE": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if get(base) == 200:
                break
            time.sleep(0.3)
        started = time.monotonic()
        with ThreadPoolExecutor(visits) as pool:
            codes = list(pool.map(get, [f"{base}/voila/render/keyfigures.ipynb"] * visits))
        took = time.monotonic() - started
        most = kernels(server.pid)
        return (f"| {visits} parallel GETs, MAX_KERNELS={cap} | {codes.count(200)} x 200, {codes.count(503)} x 503, "
                f"{len(codes) - codes.count(200) - codes.count(503)} other | {most} kernels running after "
                f"| {took:.1f} s |")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    print("| burst | answers | kernels | time |\n|---|---|---|---|\n" + main())

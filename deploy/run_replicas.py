"""Start K replicas of the app and nginx in front of them, all on 127.0.0.1, until Ctrl-C.

Each replica is a `streamlit run app.py` on its own port (env VIZLIB_REPLICA=<i>); nginx routes
each browser to one replica by a cookie it sets (see deploy/nginx.conf.template for why not by
address). Run: python -m deploy.run_replicas [--replicas 2] [--port 8080] [--base-port 8601]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
HOST = "127.0.0.1"  # loopback only: a load test never leaves this machine


def wait_healthy(url: str, timeout_s: float = 90.0) -> None:
    """Poll `<url>/_stcore/health` until it answers 200."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy within {timeout_s:.0f} s")


def render_config(prefix: Path, listen_port: int, replica_ports: list[int]) -> str:
    """The nginx configuration for these ports (from the template beside this file)."""
    servers = "\n".join(
        f"        server {HOST}:{p} max_fails=3 fail_timeout=10s;" for p in replica_ports
    )
    text = TEMPLATE.read_text(encoding="utf-8")
    return (
        text.replace("@PREFIX@", str(prefix))
        .replace("@LISTEN@", f"{HOST}:{listen_port}")
        .replace("@SERVERS@", servers)
    )


def start_replica(index: int, port: int, log: Path) -> subprocess.Popen:
    """One `streamlit run app.py` on 127.0.0.1:port (its output goes to `log`)."""
    env = {**os.environ, "VIZLIB_REPLICA": str(index), "MALLOC_ARENA_MAX": "2"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", HOST, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with open(log, "wb") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


@dataclass
class Cluster:
    """K replicas and nginx: `url` is the proxy, `pids` the replicas' processes."""

    url: str
    prefix: Path
    replicas: list[subprocess.Popen] = field(default_factory=list)
    replica_urls: list[str] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.replicas]

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def stop(self) -> None:
        """Stop nginx and every replica (only the processes this cluster started)."""
        for proc in ([self.nginx] if self.nginx else []) + self.replicas:
            if proc.poll() is None:
                proc.terminate()
        for proc in ([self.nginx] if self.nginx else []) + self.replicas:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def start_cluster(
    replicas: int = 2,
    port: int = 8080,
    base_port: int = 8601,
    prefix: Path | None = None,
    ports: list[int] | None = None,
) -> Cluster:
    """Start the replicas (on `ports`, else base_port, base_port+1, ...), wait for their health
    checks, then nginx in front of them on `port`."""
    prefix = Path(prefix or tempfile.mkdtemp(prefix="vizlib-nginx-"))
    prefix.mkdir(parents=True, exist_ok=True)
    ports = ports or [base_port + i for i in range(replicas)]
    cluster = Cluster(f"http://{HOST}:{port}", prefix)
    try:
        for i, p in enumerate(ports):
            cluster.replicas.append(start_replica(i, p, prefix / f"replica{i}.log"))
            cluster.replica_urls.append(f"http://{HOST}:{p}")
        for url in cluster.replica_urls:
            wait_healthy(url)
        conf = prefix / "nginx.conf"
        conf.write_text(render_config(prefix, port, ports), encoding="utf-8")
        cluster.nginx = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=open(prefix / "nginx.out", "wb"),  # noqa: SIM115 - lives as long as nginx
        )
        wait_healthy(cluster.url, 20)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1")
    ap.add_argument("--base-port", type=int, default=8601, help="first replica's port")
    ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: Ctrl-C)")
    args = ap.parse_args()
    cluster = start_cluster(args.replicas, args.port, args.base_port)
    print(f"proxy {cluster.url}", flush=True)
    print(f"replicas {' '.join(cluster.replica_urls)}", flush=True)
    print(f"pids {','.join(map(str, cluster.pids))}", flush=True)
    print(f"logs {cluster.prefix}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        deadline = time.monotonic() + args.seconds if args.seconds > 0 else float("inf")
        while time.monotonic() < deadline and all(p.poll() is None for p in cluster.replicas):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()

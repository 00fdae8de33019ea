import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.support.live_site import free_port


def require_tool(name: str) -> str:
    """The path of a Debian tool the test needs: missing is a failure in CI, a skip elsewhere."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install {name})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


class RedisServer:
    """A real redis-server on a loopback port, started and stopped by the test."""

    def __init__(self, binary: str, folder: Path):
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def key_count(self) -> int:
        return redis.Redis.from_url(self.url).dbsize()


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(require_tool("redis-server"), tmp_path)
    server.start()
    yield server
    server.stop()


def redis_cache_settings(url: str, **options) -> dict:
    return {"default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": url,
                        "OPTIONS": options}}

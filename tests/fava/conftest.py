"""Fixtures: the demo ledger in Fava through the test client, and a real
Fava server on a free local port for the browser."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fava_pages import FavaDemo, fava_demo

from reports.fava.command import create_app


@pytest.fixture(scope="session")
def demo(demo_dir: Path) -> FavaDemo:
    return fava_demo(demo_dir / "main.beancount")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(demo_dir: Path) -> Iterator[str]:
    """A real Fava (cheroot, as ``cwl serve`` runs it) on a free local port."""
    from cheroot.wsgi import Server

    port = free_port()
    httpd = Server(("127.0.0.1", port), create_app(demo_dir / "main.beancount"))
    httpd.prepare()
    thread = threading.Thread(target=httpd.serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.stop()
    thread.join(5)

"""``cwl serve`` keeps the books to whoever should see them: a host other
than loopback is warned about, ``--read-write`` on one needs
``--allow-remote-writes``, a request naming another host is refused (DNS
rebinding), and the bundled demo is never written over a user's file."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from review_ledgers import TRANCHES, write

from cli import main as cli
from reports.fava import command, served_host


class FakeServer:
    """cheroot's ``Server`` that never listens; remembers what it was given."""

    started: list[FakeServer] = []

    def __init__(self, bind: tuple[str, int], app) -> None:
        self.bind, self.app = bind, app

    def start(self) -> None:
        FakeServer.started.append(self)

    def stop(self) -> None:
        pass


@pytest.fixture
def no_listening(monkeypatch) -> list[FakeServer]:
    import cheroot.wsgi

    FakeServer.started = []
    monkeypatch.setattr(cheroot.wsgi, "Server", FakeServer)
    return FakeServer.started


@pytest.fixture
def books(tmp_path: Path) -> Path:
    return write(tmp_path, TRANCHES)


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.3.2.1", True), ("localhost", True), ("LocalHost.", True),
    ("::1", True), ("[::1]", True), ("0.0.0.0", False), ("::", False),
    ("192.0.2.10", False), ("ledger.council.example", False), ("localhost.evil.example", False),
])
def test_which_hosts_are_loopback(host, loopback):
    assert served_host.is_loopback(host) is loopback
    assert (served_host.remote_warning(host, 5000) is None) is loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_is_served_without_a_warning(books, no_listening, capsys, host):
    assert cli.main(["serve", str(books), "--host", host, "--port", "8080",
                     "--read-write"]) == 0
    assert capsys.readouterr().err == ""
    assert [s.bind for s in no_listening] == [(host, 8080)]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "ledger.council.example"])
def test_another_host_is_served_with_a_warning(books, no_listening, capsys, host):
    assert cli.main(["serve", str(books), "--host", host, "--port", "8080"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"warning: --host {host} is not a loopback address"), err
    assert "anyone who can reach port 8080" in err
    assert "journal, query and source views" in err
    assert [s.bind for s in no_listening] == [(host, 8080)]


def test_read_write_on_another_host_needs_allow_remote_writes(books, no_listening, capsys):
    assert cli.main(["serve", str(books), "--host", "0.0.0.0", "--read-write"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cwl serve: --read-write on --host 0.0.0.0:"), err
    assert "--allow-remote-writes" in err and err.count("\n") == 1
    assert no_listening == []
    assert cli.main(["serve", str(books), "--host", "192.0.2.10", "--read-write",
                     "--allow-remote-writes"]) == 0
    assert "warning: --host 192.0.2.10" in capsys.readouterr().err
    client = no_listening[0].app.test_client()
    slug = client.get("/", headers={"Host": "192.0.2.10"}).headers["Location"].split("/")[1]
    # read-write: Fava itself answers a change (an empty one is a bad request);
    # read-only it would answer 401
    response = client.put(f"/{slug}/api/source", json={}, headers={"Host": "192.0.2.10"})
    assert response.status_code == 400 and b"DNS rebinding" not in response.data
    response = client.put(f"/{slug}/api/source", json={}, headers={"Host": "localhost"})
    assert b"DNS rebinding" in response.data


@pytest.mark.parametrize("bind, allowed, refused", [
    ("127.0.0.1", ["localhost", "127.0.0.1:5000", "[::1]:5000", "LOCALHOST:80"],
     ["evil.example", "evil.example:5000", "localhost.evil.example", "192.0.2.10",
      "127.0.0.1.evil.example"]),
    ("192.0.2.10", ["192.0.2.10:8080"], ["localhost", "evil.example", "192.0.2.11"]),
    ("ledger.council.example", ["ledger.council.example:8080"],
     ["evil.example", "localhost", "council.example"]),
    ("0.0.0.0", ["localhost", "192.0.2.7:8080", "[2001:db8::7]:8080"],
     ["evil.example", "evil.example:8080"]),
])
def test_requests_for_another_host_are_refused(books, bind, allowed, refused):
    client = command.create_app(books, host=bind).test_client()
    for host in allowed:
        assert client.get("/", headers={"Host": host}).status_code == 302, host
    for host in refused:
        response = client.get("/", headers={"Host": host})
        assert response.status_code == 400, host
        assert b"DNS rebinding" in response.data


def test_the_default_test_client_host_is_served(books):
    client = command.create_app(books).test_client()  # sends Host: localhost
    assert client.get("/").status_code == 302
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_a_real_server_refuses_another_host(server):
    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", "/", headers={"Host": "evil.example"})
        response = connection.getresponse()
        assert response.status == 400 and b"DNS rebinding" in response.read()
        connection.request("GET", "/")  # Host: 127.0.0.1:<port>
        response = connection.getresponse()
        response.read()
        assert response.status == 302
    finally:
        connection.close()


def test_the_demo_is_never_written_over_a_users_file(tmp_path, monkeypatch, no_listening,
                                                     capsys):
    folder = tmp_path / "cwl" / "demo-ledger"
    folder.mkdir(parents=True)
    (folder / "organisations.beancount").write_text("my own\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cli.main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{folder / 'organisations.beancount'}: not written by cwl demo")
    assert sorted(p.name for p in folder.iterdir()) == ["organisations.beancount"]
    assert no_listening == []
    (folder / "organisations.beancount").unlink()
    assert cli.main(["serve"]) == 0  # an empty cache folder: the demo is written
    assert (folder / "main.beancount").exists() and len(no_listening) == 1

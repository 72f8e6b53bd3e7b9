"""Who ``cwl serve`` answers, and what it warns of.

Fava's own journal, query and source views are not redacted, so a host other
than loopback is warned about, and ``--read-write`` on one is refused
without ``--allow-remote-writes``. Every request must name the served host
in its ``Host`` header: a web page whose domain is re-pointed at 127.0.0.1
(DNS rebinding) could otherwise read the books through the visitor's browser.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def _bare(host: str) -> str:
    """``host`` without brackets or a trailing dot, in lower case."""
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host.rstrip(".")


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(_bare(host))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only: 127.0.0.0/8, ::1, localhost."""
    address = _address(host)
    return _bare(host) == "localhost" if address is None else address.is_loopback


def remote_warning(host: str, port: int) -> str | None:
    """What a user serving on ``host`` must know, or None on loopback."""
    if is_loopback(host):
        return None
    return (f"warning: --host {host} is not a loopback address: anyone who can reach "
            f"port {port} can read the whole ledger, individuals' names included, in "
            "Fava's journal, query and source views. Serve on 127.0.0.1, or behind "
            "access control")


def remote_write_problem(host: str, read_write: bool, allow_remote_writes: bool) -> str | None:
    """Why ``--read-write`` is refused on ``host``, or None."""
    if not read_write or allow_remote_writes or is_loopback(host):
        return None
    return (f"cwl serve: --read-write on --host {host}: anyone who can reach the port "
            "could change the ledger files; serve on 127.0.0.1, or add "
            "--allow-remote-writes if that is meant")


def _host_header_name(header: str) -> str:
    """The host of a ``Host`` header, without its port."""
    header = header.strip()
    if header.startswith("["):
        return _bare(header.partition("]")[0] + "]")
    if header.count(":") == 1:
        header = header.partition(":")[0]
    return _bare(header)


class ServedHostOnly:
    """WSGI middleware: a request whose ``Host`` header does not name the
    served host is answered 400, before Fava sees it.

    For a loopback bind the names are 127.0.0.1, localhost and ::1 (and the
    bound address); for another address or name, that one; for all
    interfaces (0.0.0.0, ::), those plus this machine's own names and any IP
    address (a rebinding attack needs a domain name of the attacker's).
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], host: str) -> None:
        self.app = app
        bare = _bare(host)
        self.names = {bare}
        self.any_address = bare in WILDCARDS
        if is_loopback(host) or self.any_address:
            self.names |= LOOPBACK_NAMES
        if self.any_address:
            self.names |= {_bare(socket.gethostname()), _bare(socket.getfqdn())}

    def allows(self, header: str) -> bool:
        name = _host_header_name(header)
        return name in self.names or (self.any_address and _address(name) is not None)

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.allows(environ.get("HTTP_HOST", "")):
            return self.app(environ, start_response)
        body = (b"Bad Request: this server answers only requests for the host it is "
                b"served on (Host header refused: DNS rebinding protection)\n")
        start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                           ("Content-Length", str(len(body)))])
        return [body]

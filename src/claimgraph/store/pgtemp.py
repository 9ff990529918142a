"""A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary
folder (as an unprivileged user when run as root, which PostgreSQL requires), pg_ctl
on a free loopback port, stopped and removed afterwards.

    with throwaway_postgres() as url:      # postgresql://claimgraph@127.0.0.1:PORT/postgres
        ...
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimgraph.errors import StoreError

SUPERUSER = "claimgraph"


def postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them out of PATH)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "nobody", "--", *cmd]


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    bindir = postgres_bin()
    if bindir is None:
        raise StoreError("PostgreSQL's server programs (initdb, pg_ctl) are not installed; "
                         "`.ci/run` installs the Debian package postgresql")
    tmp = Path(tempfile.mkdtemp(prefix="claimgraph-pg-"))
    if os.geteuid() == 0:
        shutil.chown(tmp, "nobody", "nogroup")
    data, log = tmp / "data", tmp / "server.log"
    port = free_port()
    try:
        subprocess.run(_as_user([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True, text=True)
        opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts,
                                 "-l", str(log), "-w", "start"]),
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"could not start a throwaway PostgreSQL: {exc.stderr.strip()}") \
            from exc
    try:
        yield f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                 "-w", "stop"]), capture_output=True, check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def create_database(server_url: str, prefix: str = "t") -> str:
    """A new, empty database on the server; its URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated name, not user input
    return server_url.rsplit("/", 1)[0] + "/" + name

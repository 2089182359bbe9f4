"""A throw-away PostgreSQL server for tests: initdb into a temporary directory, start it on
127.0.0.1 on a free port as a non-root user, run a command against it, stop it even on failure.

    python -m lead_scoring_tools.testing.pg_server -- pytest pytests --engine postgres

The command sees PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE (what the postgres target of
profiles/profiles.yml reads). PostgreSQL refuses to run as root: when started as root, the server
runs as the `postgres` system user (LEAD_SCORING_PG_OS_USER), which owns the data directory.
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

DATABASE = "lead_scoring"
USER = "lead_scoring"
PASSWORD = "lead_scoring"  # a throw-away local server on 127.0.0.1 only


def find_bin_dir() -> Path:
    """The directory of initdb/pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if candidates:
        return Path(candidates[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise SystemExit("PostgreSQL server binaries not found: install them or set PG_BIN")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[dict[str, str]]:
    """Starts a server and yields the libpq environment of its database; stops it on exit."""
    bin_dir = find_bin_dir()
    root = Path(tempfile.mkdtemp(prefix="lead_scoring_pg_"))
    data_dir, socket_dir, log_file = root / "data", root / "socket", root / "server.log"
    socket_dir.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:
        os_user = os.environ.get("LEAD_SCORING_PG_OS_USER", "postgres")
        account = pwd.getpwnam(os_user)
        os.chown(root, account.pw_uid, account.pw_gid)
        os.chown(socket_dir, account.pw_uid, account.pw_gid)
        run_as = ["runuser", "-u", os_user, "--"]
    password_file = root / "password"
    password_file.write_text(PASSWORD + "\n")
    if run_as:
        os.chown(password_file, account.pw_uid, account.pw_gid)
    port = free_port()

    def run(*command: str) -> None:
        # From the server's own directory: the postgres user may not enter the caller's.
        subprocess.run([*run_as, *command], check=True, stdout=subprocess.DEVNULL, cwd=root)

    run(str(bin_dir / "initdb"), "-D", str(data_dir), "-U", USER, "--pwfile", str(password_file),
        "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C")
    run(str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-l", str(log_file), "-w", "-t", "60",
        "-o", f"-h 127.0.0.1 -p {port} -k {socket_dir} -c fsync=off -c full_page_writes=off "
              "-c synchronous_commit=off", "start")
    try:
        env = {"PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": USER, "PGPASSWORD": PASSWORD,
               "PGDATABASE": DATABASE}
        subprocess.run([str(bin_dir / "createdb"), DATABASE], check=True, env={**os.environ, **env})
        yield env
    finally:
        subprocess.run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"],
                       stdout=subprocess.DEVNULL, cwd=root)
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="command to run against the server")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    # A terminated run (CI time-out, kill) still stops the server: SIGTERM unwinds like an error.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    with postgres_server() as env:
        print(f"PostgreSQL on 127.0.0.1:{env['PGPORT']} (database {env['PGDATABASE']})", flush=True)
        started = time.monotonic()
        result = subprocess.run(command, env={**os.environ, **env})
        print(f"command finished in {time.monotonic() - started:.1f} s with exit code {result.returncode}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

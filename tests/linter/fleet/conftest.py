"""Fixtures for fleet tests: a generated fleet served on 127.0.0.1, a real redis-server (and a real RabbitMQ
for the amqp:// broker) on a free port, real `kasauti worker` subprocesses, and (when Debian's postgresql is
installed) a throw-away PostgreSQL server.

Every process a fixture starts runs in a process group of its own and the whole group is killed at teardown,
so no worker, pool child or server outlives its test."""
from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sitegen import FleetServer, fleet_plan

KASAUTI = str(Path(sys.executable).with_name("kasauti"))
# Survey options for loopback test sites: no politeness delay (one process, our own server), short timeouts.
FAST = ["--delay", "0", "--timeout", "2", "--max-pages", "3", "--site-time-limit", "60"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL, wait: float = 10) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(wait)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(5)


def wait_for(predicate, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {message}")


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed (Debian package redis-server; `make setup` installs it as root)")
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)

    def ping():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    try:
        wait_for(ping, 10, message="redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        kill_group(process)


RABBITMQ = "/usr/lib/rabbitmq/bin/rabbitmq-server"  # Debian's; /usr/sbin's wrapper switches to the rabbitmq user


@pytest.fixture
def amqp_url(tmp_path):
    """A throw-away RabbitMQ node (Debian rabbitmq-server) on a free port, its data under tmp_path."""
    server = os.environ.get("KASAUTI_RABBITMQ", RABBITMQ)
    if not os.path.exists(server):
        pytest.fail("rabbitmq-server is not installed (Debian package rabbitmq-server; `make setup` installs it "
                    "as root)")
    port, dist = free_port(), free_port()
    base = tmp_path / "rabbitmq"
    for sub in ("mnesia", "log"):
        (base / sub).mkdir(parents=True)
    (base / "enabled_plugins").write_text("[].\n")
    env = {**os.environ, "HOME": str(base), "RABBITMQ_NODENAME": f"kasauti{port}@localhost",
           "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1", "RABBITMQ_NODE_PORT": str(port), "RABBITMQ_DIST_PORT": str(dist),
           "RABBITMQ_MNESIA_BASE": str(base / "mnesia"), "RABBITMQ_LOG_BASE": str(base / "log"),
           "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"), "RABBITMQ_PID_FILE": str(base / "pid"),
           "RABBITMQ_CONFIG_FILE": str(base / "none")}
    process = subprocess.Popen([server], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)

    def accepting():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    try:
        wait_for(accepting, 60, 0.2, message="rabbitmq-server")
        yield f"amqp://guest:guest@127.0.0.1:{port}//"  # guest may connect from loopback only
    finally:
        kill_group(process)  # epmd, Erlang's shared port mapper daemon, stays (as it does for any Erlang node)


@pytest.fixture(params=["redis"])
def broker_url(request):
    """The broker a test's workers and survey use: redis by default; a test parametrizes it (indirect=True) with
    "amqp" to run on RabbitMQ too."""
    return request.getfixturevalue(f"{request.param}_url")


class Workers:
    """Start `kasauti worker` subprocesses; kill their process groups at teardown."""

    def __init__(self, broker: str, db: Path, logs: Path):
        self.broker, self.db, self.logs = broker, db, logs
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str, *, concurrency: int = 1, queues: str = "static,browser,lighthouse",
              visibility_timeout: int = 15, extra=()) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")
        process = subprocess.Popen(
            [KASAUTI, "worker", "--broker", self.broker, "--db", str(self.db), "-Q", queues, "-c", str(concurrency),
             "-n", f"{name}@%h", "--visibility-timeout", str(visibility_timeout), "--loglevel", "INFO", *extra],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                kill_group(process, signal.SIGTERM, wait=15)
        for process in self.processes:
            kill_group(process)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")


@pytest.fixture
def workers(broker_url, tmp_path):
    pool = Workers(broker_url, tmp_path / "fleet.sqlite", tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


@pytest.fixture
def fleet_factory():
    servers: list[FleetServer] = []

    def make(count: int, seed: int = 11, **kwargs) -> FleetServer:
        server = FleetServer(fleet_plan(count, seed), **kwargs).start()
        servers.append(server)
        return server

    try:
        yield make
    finally:
        for server in servers:
            server.stop()


def survey_command(csv_path: Path, db: Path, reports: Path, *extra: str) -> list[str]:
    return [KASAUTI, "survey", str(csv_path), "--db", str(db), "--reports-dir", str(reports), *FAST, *extra]


# ---- PostgreSQL ----------------------------------------------------------------------------------------
def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@pytest.fixture(scope="session")
def postgres_url():
    initdb, postgres = _pg_bin("initdb"), _pg_bin("postgres")
    if not initdb or not postgres:
        pytest.skip("PostgreSQL server binaries are not installed (Debian package postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'kasauti[postgres]')")
    import tempfile  # noqa: PLC0415

    # Not under pytest's tmp folder: its parents are private to root, and PostgreSQL runs as another user.
    folder = Path(tempfile.mkdtemp(prefix="kasauti-pg-"))
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use the postgres account Debian creates
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
        os.chmod(folder, 0o700)
    subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    process = subprocess.Popen([*as_user, postgres, "-D", str(data), "-p", str(port), "-h", "127.0.0.1", "-k",
                                str(folder), "-c", "fsync=off"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def ready():
        import psycopg  # noqa: PLC0415

        try:
            psycopg.connect(url, connect_timeout=1).close()
            return True
        except psycopg.Error:
            return False

    try:
        wait_for(ready, 30, 0.2, "PostgreSQL")
        yield url
    finally:
        kill_group(process, signal.SIGINT, wait=15)
        shutil.rmtree(folder, ignore_errors=True)

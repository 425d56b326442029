"""The survey database: SQLite (one file, WAL mode, the default) or PostgreSQL (a fleet of machines).

Plain DB-API with a tiny dialect layer: the SQL is written once with `?` placeholders and portable types; the
PostgreSQL dialect swaps the placeholders for `%s` and REAL for DOUBLE PRECISION. Upserts use
`INSERT ... ON CONFLICT`, which both speak.

Schema (version 1; `MIGRATIONS` lists each version's statements, applied in order and recorded in
`schema_version`, so a newer Kasauti upgrades an older database in place):

    runs         one survey run: id, the CSV it came from (path, sha256), options, created/finished
    sites        every site ever surveyed, keyed by site_id (a hash of the normalised URL)
    results      exactly one row per (run, site), created when the run starts (phase "pending"); a stage
                 claims it with a lease (phase "running", lease owner + expiry, attempts + 1); the last stage
                 finishes it (phase "done", status from status.py, score, GIGW sections, counts, report paths).
                 Finishing is conditional on the row not being done, so a duplicate delivery cannot overwrite it.
    rule_counts  per (run, site, rule): violations and pages, written in the same transaction as the result

Leases: a stage holds its row by renewing `lease_until` (a heartbeat) while it works. Another delivery of the same
stage finds a live lease and backs off; once the lease has expired (its worker was killed) - or at once when the
owner was a process on this machine that no longer exists - the row can be claimed again. Clocks of the machines
sharing a database must agree (NTP) to within a fraction of the lease time.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .sites import SiteRow

SCHEMA_VERSION = 1
DEFAULT_DB = "kasauti-fleet.sqlite"
SECTIONS = ("5.1", "5.2", "5.3", "5.4")
IMPACTS = ("critical", "serious", "moderate", "minor")

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE runs (
            run_id TEXT PRIMARY KEY,
            label TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            source_sha256 TEXT NOT NULL DEFAULT '',
            options TEXT NOT NULL DEFAULT '{}',
            mode TEXT NOT NULL DEFAULT 'local',
            sites INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            finished_at TEXT
        )""",
        """CREATE TABLE sites (
            site_id TEXT PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            ministry TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE results (
            run_id TEXT NOT NULL REFERENCES runs(run_id),
            site_id TEXT NOT NULL REFERENCES sites(site_id),
            line INTEGER NOT NULL DEFAULT 0,
            url TEXT NOT NULL,
            ministry TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            phase TEXT NOT NULL DEFAULT 'pending',
            stage TEXT NOT NULL DEFAULT 'static',
            status TEXT,
            detail TEXT NOT NULL DEFAULT '',
            score REAL,
            gigw_overall REAL,
            gigw_5_1 REAL,
            gigw_5_2 REAL,
            gigw_5_3 REAL,
            gigw_5_4 REAL,
            pages_audited INTEGER NOT NULL DEFAULT 0,
            pages_failed INTEGER NOT NULL DEFAULT 0,
            violations INTEGER NOT NULL DEFAULT 0,
            needs_review INTEGER NOT NULL DEFAULT 0,
            critical INTEGER NOT NULL DEFAULT 0,
            serious INTEGER NOT NULL DEFAULT 0,
            moderate INTEGER NOT NULL DEFAULT 0,
            minor INTEGER NOT NULL DEFAULT 0,
            stage_report TEXT NOT NULL DEFAULT '',
            report_path TEXT NOT NULL DEFAULT '',
            html_report_path TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT NOT NULL DEFAULT '',
            lease_until REAL NOT NULL DEFAULT 0,
            started_at TEXT,
            finished_at TEXT,
            seconds REAL,
            worker TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (run_id, site_id)
        )""",
        "CREATE INDEX results_phase ON results (run_id, phase)",
        """CREATE TABLE rule_counts (
            run_id TEXT NOT NULL,
            site_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            impact TEXT NOT NULL DEFAULT '',
            violations INTEGER NOT NULL DEFAULT 0,
            pages INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, site_id, rule)
        )""",
    ],
}

RESULT_FIELDS = ("status", "detail", "score", "gigw_overall", "gigw_5_1", "gigw_5_2", "gigw_5_3", "gigw_5_4",
                 "pages_audited", "pages_failed", "violations", "needs_review", *IMPACTS, "report_path",
                 "html_report_path", "seconds")


class StoreError(RuntimeError):
    """The database cannot be opened or used (bad URL, missing driver, newer schema)."""


def now_iso(precise: bool = False) -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds" if precise else "seconds")


def new_run_id() -> str:
    """Sortable and unique: 20261203T174629Z-3f9a1c."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def lease_owner() -> str:
    """host:pid:random - who holds a lease (the pid lets a process on the same host see a dead owner)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str) -> bool:
    """True when `owner` names a process on this host that no longer exists."""
    try:
        host, pid, _ = owner.rsplit(":", 2)
        pid_number = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname() or pid_number <= 0:
        return False
    try:
        os.kill(pid_number, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a zombie (exited, not yet reaped) is dead too
        with open(f"/proc/{pid_number}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


@dataclass
class Claim:
    outcome: str  # claimed | done | leased | stage-moved | exhausted | missing
    attempts: int = 0
    retry_in: float = 0.0  # for "leased": seconds until the lease expires
    row: dict = field(default_factory=dict)


# ---- dialects -------------------------------------------------------------------------------------------
class _Dialect:
    name = "sqlite"

    def sql(self, text: str) -> str:
        return text

    def ddl(self, text: str) -> str:
        return text


class _PostgresDialect(_Dialect):
    name = "postgresql"

    def sql(self, text: str) -> str:
        return text.replace("%", "%%").replace("?", "%s")

    def ddl(self, text: str) -> str:
        return text.replace(" REAL", " DOUBLE PRECISION")


def _connect(url: str):
    """(DB-API connection, dialect) for a SQLite path / sqlite:/// URL or a postgresql:// URL."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        try:
            import psycopg  # noqa: PLC0415 - optional extra: pip install 'kasauti[postgres]'
        except ImportError as exc:
            raise StoreError("PostgreSQL needs psycopg: pip install 'kasauti[postgres]'") from exc
        try:
            conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True,
                                   connect_timeout=15)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip()) from exc
        return conn, _PostgresDialect()
    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
    if "://" in path:
        raise StoreError(f"unsupported database URL {url!r} (a SQLite file path, sqlite:///PATH or postgresql://...)")
    Path(path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=60000")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open SQLite database {path}: {exc}") from exc
    return conn, _Dialect()


class Store:
    """The survey database. One Store per process (it is not shared across fork); thread-safe within one."""

    def __init__(self, url: str | os.PathLike = DEFAULT_DB):
        self.url = str(url)
        self.conn, self.dialect = _connect(self.url)
        self._lock = threading.RLock()
        self.migrate()

    @property
    def is_sqlite(self) -> bool:
        return self.dialect.name == "sqlite"

    def close(self) -> None:
        with self._lock:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- plumbing ------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of deadlocking)."""
        with self._lock:
            cur = self.conn.cursor()
            if self.is_sqlite:
                cur.execute("BEGIN IMMEDIATE")
            else:
                cur.execute("BEGIN")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def _x(self, cur, sql: str, params: Sequence = ()) -> Any:
        cur.execute(self.dialect.sql(sql), tuple(params))
        return cur

    def query(self, sql: str, params: Sequence = ()) -> list[dict]:
        with self._lock:
            cur = self.conn.cursor()
            try:
                self._x(cur, sql, params)
                if cur.description is None:  # a statement without rows (autocommitted)
                    return []
                names = [d[0] for d in cur.description]
                return [dict(zip(names, row)) for row in cur.fetchall()]
            finally:
                cur.close()

    def schema_version(self) -> int:
        with self._lock:
            cur = self.conn.cursor()
            try:
                cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                cur.execute("SELECT MAX(version) FROM schema_version")
                value = cur.fetchone()[0]
                return int(value or 0)
            finally:
                cur.close()

    def migrate(self) -> int:
        """Apply the migrations this database lacks; returns the version it is at."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"the database is at schema version {current}; this Kasauti knows up to "
                             f"{SCHEMA_VERSION} (upgrade Kasauti)")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            try:
                with self.transaction() as cur:
                    cur.execute("SELECT MAX(version) FROM schema_version")
                    if int(cur.fetchone()[0] or 0) >= version:  # another process migrated meanwhile
                        continue
                    for statement in MIGRATIONS[version]:
                        cur.execute(self.dialect.ddl(statement))
                    self._x(cur, "INSERT INTO schema_version (version) VALUES (?)", (version,))
            except Exception as exc:  # noqa: BLE001 - two processes migrating a new PostgreSQL database at once
                if self.schema_version() >= version:
                    continue
                raise StoreError(f"migration to schema version {version} failed: {exc}") from exc
        return SCHEMA_VERSION

    # ---- runs ----------------------------------------------------------------------------------------
    def create_run(self, sites: Iterable[SiteRow], *, source: str = "", source_sha256: str = "",
                   options: dict | None = None, label: str = "", mode: str = "local",
                   run_id: str | None = None) -> str:
        """A new run with one pending result row per site (all in one transaction)."""
        run_id = run_id or new_run_id()
        sites = list(sites)
        stamp = now_iso(precise=True)  # runs are ordered by it
        with self.transaction() as cur:
            self._x(cur, "INSERT INTO runs (run_id, label, source, source_sha256, options, mode, sites, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, label, source, source_sha256, json.dumps(options or {}, sort_keys=True), mode,
                     len(sites), stamp))
            self._add_sites(cur, run_id, sites, stamp)
        return run_id

    def _add_sites(self, cur, run_id: str, sites: list[SiteRow], stamp: str) -> None:
        for site in sites:
            self._x(cur, "INSERT INTO sites (site_id, url, ministry, state, category, first_seen, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET "
                         "ministry = excluded.ministry, state = excluded.state, category = excluded.category, "
                         "updated_at = excluded.updated_at",
                    (site.site_id, site.url, site.ministry, site.state, site.category, stamp, stamp))
            self._x(cur, "INSERT INTO results (run_id, site_id, line, url, ministry, state, category) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, site_id) DO NOTHING",
                    (run_id, site.site_id, site.line, site.url, site.ministry, site.state, site.category))

    def run(self, run_id: str) -> dict | None:
        rows = self.query("SELECT * FROM runs WHERE run_id = ?", (run_id,))
        if not rows:
            return None
        row = rows[0]
        row["options"] = json.loads(row.get("options") or "{}")
        return row

    def runs(self) -> list[dict]:
        """Every run, oldest first, with its counts of done / failed / pending sites."""
        rows = self.query(
            "SELECT r.run_id, r.label, r.source, r.source_sha256, r.mode, r.sites, r.created_at, r.finished_at, "
            "SUM(CASE WHEN s.phase = 'done' THEN 1 ELSE 0 END) AS done, "
            "SUM(CASE WHEN s.status = 'ok' THEN 1 ELSE 0 END) AS ok "
            "FROM runs r LEFT JOIN results s ON s.run_id = r.run_id "
            "GROUP BY r.run_id, r.label, r.source, r.source_sha256, r.mode, r.sites, r.created_at, r.finished_at "
            "ORDER BY r.created_at, r.run_id")
        for row in rows:
            row["done"], row["ok"] = int(row["done"] or 0), int(row["ok"] or 0)
        return rows

    def unfinished_run(self, source_sha256: str) -> str | None:
        """The latest run over the same list of sites that has not finished, if any."""
        rows = self.query("SELECT run_id FROM runs WHERE source_sha256 = ? AND finished_at IS NULL "
                          "ORDER BY created_at DESC, run_id DESC", (source_sha256,))
        return rows[0]["run_id"] if rows else None

    def finish_run(self, run_id: str) -> bool:
        """Mark the run finished when every site is done; True if it is."""
        with self.transaction() as cur:
            self._x(cur, "SELECT COUNT(*) FROM results WHERE run_id = ? AND phase != 'done'", (run_id,))
            if cur.fetchone()[0]:
                return False
            self._x(cur, "UPDATE runs SET finished_at = ? WHERE run_id = ? AND finished_at IS NULL",
                    (now_iso(), run_id))
        return True

    def progress(self, run_id: str) -> dict[str, int]:
        """{"total", "done", "running", "pending", and one key per status}."""
        rows = self.query("SELECT phase, status, COUNT(*) AS n FROM results WHERE run_id = ? GROUP BY phase, status",
                          (run_id,))
        out = {"total": 0, "done": 0, "running": 0, "pending": 0}
        for row in rows:
            n = int(row["n"])
            out["total"] += n
            out[row["phase"]] = out.get(row["phase"], 0) + n
            if row["phase"] == "done" and row["status"]:
                out[row["status"]] = out.get(row["status"], 0) + n
        return out

    def unfinished(self, run_id: str) -> list[dict]:
        """Rows not done yet (pending or running), in CSV order."""
        return self.query("SELECT site_id, url, stage, phase, attempts, lease_owner, lease_until FROM results "
                          "WHERE run_id = ? AND phase != 'done' ORDER BY line, site_id", (run_id,))

    def results(self, run_id: str) -> list[dict]:
        return self.query("SELECT * FROM results WHERE run_id = ? ORDER BY line, site_id", (run_id,))

    def result(self, run_id: str, site_id: str) -> dict | None:
        rows = self.query("SELECT * FROM results WHERE run_id = ? AND site_id = ?", (run_id, site_id))
        return rows[0] if rows else None

    def rule_counts(self, run_id: str) -> list[dict]:
        return self.query("SELECT * FROM rule_counts WHERE run_id = ? ORDER BY site_id, rule", (run_id,))

    def rule_totals(self, run_id: str) -> list[dict]:
        """Per rule over the run: sites failing it, violations, pages; worst first."""
        return self.query(
            "SELECT rule, MAX(name) AS name, MAX(impact) AS impact, COUNT(*) AS sites, SUM(violations) AS violations, "
            "SUM(pages) AS pages FROM rule_counts WHERE run_id = ? AND violations > 0 GROUP BY rule "
            "ORDER BY COUNT(*) DESC, SUM(violations) DESC, rule", (run_id,))

    # ---- leases --------------------------------------------------------------------------------------
    def claim(self, run_id: str, site_id: str, stage: str, owner: str, *, ttl: float,
              max_attempts: int) -> Claim:
        """Take the (run, site) row for `stage` unless it is done, at another stage, or leased by a live owner.

        attempts counts every claim of the row; past `max_attempts` the claim is "exhausted" (the caller
        records the site as crashed instead of trying again)."""
        now = time.time()
        with self.transaction() as cur:
            self._x(cur, "SELECT phase, stage, attempts, lease_owner, lease_until FROM results "
                         "WHERE run_id = ? AND site_id = ?" + ("" if self.is_sqlite else " FOR UPDATE"),
                    (run_id, site_id))
            row = cur.fetchone()
            if row is None:
                return Claim("missing")
            phase, current_stage, attempts, holder, until = row
            info = {"phase": phase, "stage": current_stage, "attempts": attempts, "lease_owner": holder,
                    "lease_until": until}
            if phase == "done":
                return Claim("done", attempts, row=info)
            if current_stage != stage:
                return Claim("stage-moved", attempts, row=info)
            if phase == "running" and holder and holder != owner and until > now and not owner_is_dead(holder):
                return Claim("leased", attempts, retry_in=until - now, row=info)
            if attempts >= max_attempts:
                return Claim("exhausted", attempts, row=info)
            self._x(cur, "UPDATE results SET phase = 'running', lease_owner = ?, lease_until = ?, "
                         "attempts = attempts + 1, worker = ?, started_at = COALESCE(started_at, ?) "
                         "WHERE run_id = ? AND site_id = ?",
                    (owner, now + ttl, owner.rsplit(":", 1)[0], now_iso(), run_id, site_id))
            return Claim("claimed", attempts + 1, row=info)

    def renew(self, run_id: str, site_id: str, owner: str, ttl: float) -> bool:
        """Extend our lease; False when we no longer hold it."""
        with self.transaction() as cur:
            self._x(cur, "UPDATE results SET lease_until = ? WHERE run_id = ? AND site_id = ? AND lease_owner = ? "
                         "AND phase = 'running'", (time.time() + ttl, run_id, site_id, owner))
            return cur.rowcount == 1

    def advance(self, run_id: str, site_id: str, owner: str, next_stage: str, stage_report: str) -> bool:
        """A stage finished and the next one is due: back to pending at `next_stage`, the lease released."""
        with self.transaction() as cur:
            self._x(cur, "UPDATE results SET phase = 'pending', stage = ?, stage_report = ?, lease_owner = '', "
                         "lease_until = 0, attempts = 0 WHERE run_id = ? AND site_id = ? AND phase != 'done' "
                         "AND lease_owner = ?", (next_stage, stage_report, run_id, site_id, owner))
            return cur.rowcount == 1

    def release(self, run_id: str, site_id: str, owner: str) -> None:
        """Give the row back unfinished (the stage is to be retried)."""
        with self.transaction() as cur:
            self._x(cur, "UPDATE results SET phase = 'pending', lease_owner = '', lease_until = 0 "
                         "WHERE run_id = ? AND site_id = ? AND phase = 'running' AND lease_owner = ?",
                    (run_id, site_id, owner))

    def finish(self, run_id: str, site_id: str, values: dict, rules: Iterable[dict] = ()) -> bool:
        """Record the site's outcome, once: False (and nothing written) when the row was already done."""
        values = {k: values.get(k) for k in RESULT_FIELDS if k in values}
        if values.get("status") not in (None, *_statuses()):
            raise ValueError(f"unknown status {values.get('status')!r}")
        assignments = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as cur:
            self._x(cur, f"UPDATE results SET phase = 'done', lease_owner = '', lease_until = 0, finished_at = ?"
                         f"{', ' if assignments else ''}{assignments} "
                         "WHERE run_id = ? AND site_id = ? AND phase != 'done'",
                    (now_iso(), *values.values(), run_id, site_id))
            if cur.rowcount != 1:
                return False
            for rule in rules:
                self._x(cur, "INSERT INTO rule_counts (run_id, site_id, rule, name, impact, violations, pages) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, site_id, rule) DO UPDATE SET "
                             "violations = excluded.violations, pages = excluded.pages",
                        (run_id, site_id, rule["rule"], rule.get("name", ""), rule.get("impact", ""),
                         int(rule.get("violations", 0)), int(rule.get("pages", 0))))
        return True

    def expired_leases(self, run_id: str, grace: float = 0.0) -> list[dict]:
        """Running rows whose lease ran out more than `grace` seconds ago (their worker is gone)."""
        return self.query("SELECT site_id, stage, lease_owner, attempts FROM results WHERE run_id = ? "
                          "AND phase = 'running' AND lease_until < ?", (run_id, time.time() - grace))


def _statuses() -> tuple[str, ...]:
    from .status import STATUSES  # noqa: PLC0415

    return tuple(STATUSES)

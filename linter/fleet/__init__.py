"""Fleet mode: audit every site of a list (a survey), in-process or as Celery tasks, keep the results in SQLite or
PostgreSQL, and rank them on an accessible leaderboard.

    sites.py        the survey's CSV: url, ministry/department, state, category; normalised, validated
    status.py       the taxonomy of a site's outcome (ok, dns, tls, connect, timeout, http-error, ...)
    store.py        the results database (SQLite in WAL mode or PostgreSQL; versioned migrations; leases)
    work.py         one site's audit as stages (static, browser, lighthouse): claim, audit, write, finish
    runner.py       the in-process survey: a few site processes on this machine, no broker
    tasks.py        the same stages as Celery tasks on queues static / browser / lighthouse
    survey.py       creating, resuming and following a survey run (both modes)
    leaderboard.py  the HTML dashboard (+ per-site pages) and CSV export, trends across runs

A survey run has a stable id; every (run, site) has exactly one row, created when the run starts, and that row is
finished once: a redelivered or duplicated task finds it done and does nothing, and a site whose worker died is
taken over once its lease has expired (or at once, when the dead worker was on this machine).
"""

"""The `kasauti` command: audit sites, list and explain rules, scaffold new ministry sites.

Exit codes: 0 the gate passed, 1 the gate failed, 2 a usage or internal error.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from kasauti import __version__

EXIT_OK, EXIT_GATE, EXIT_ERROR = 0, 1, 2
FORMATS = ("terminal", "json", "html", "sarif", "junit", "csv")
IMPACT_CHOICES = ("critical", "serious", "moderate", "minor")


class KasautiGroup(click.Group):
    """Click exits 2 on usage errors already; make unexpected exceptions exit 2 with a clear message too."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # output piped into `head` and the like
            sys.exit(EXIT_OK)
        except KeyboardInterrupt:
            click.echo("kasauti: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # noqa: BLE001 - last line of defence: say what happened, exit 2
            logging.getLogger("kasauti").debug("internal error", exc_info=True)
            click.echo(f"kasauti: internal error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=KasautiGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kasauti")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """Kasauti (कसौटी): build and audit Indian government websites against GIGW 3.0 and WCAG 2.2 AA."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _split(values) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out += [v.strip() for v in str(value).split(",") if v.strip()]
    return tuple(out)


_AUDIT_OPTIONS = [
    click.argument("target"),
    click.option("--engines", "-e", default=None, help="Comma-separated: static, axe, lighthouse. [default: static]"),
    click.option("--format", "-f", "formats", multiple=True, type=click.Choice(FORMATS),
                 help="Report format; repeat for several. [default: terminal]"),
    click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the one report here."),
    click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
                 help="Write every requested format here as report.<ext>."),
    click.option("--max-pages", type=click.IntRange(1),
                 help="Most HTML pages to audit. [default: 500 for a crawl, all for a folder]"),
    click.option("--max-depth", type=click.IntRange(0), help="Most link hops from the start URL. [default: 10]"),
    click.option("--include", multiple=True, help="Only URLs matching this glob (repeatable)."),
    click.option("--exclude", multiple=True, help="Skip URLs matching this glob (repeatable)."),
    click.option("--delay", type=click.FloatRange(0), help="Seconds between requests to one host. [default: 1]"),
    click.option("--concurrency", type=click.IntRange(1, 32), help="Hosts fetched / browsers run at once. [default: 2]"),
    click.option("--timeout", type=click.FloatRange(1), help="Seconds per request. [default: 20]"),
    click.option("--user-agent", help="User-Agent header (keep it honest: name yourself and a contact)."),
    click.option("--ignore-robots", is_flag=True, default=None,
                 help="Do not obey robots.txt (warns; use only with permission)."),
    click.option("--select", multiple=True, help="Only these rules (codes, code prefixes or names; comma-separated)."),
    click.option("--ignore", multiple=True, help="Skip these rules (codes, code prefixes or names; comma-separated)."),
    click.option("--fail-under", type=click.FloatRange(0, 100), help="Fail when the site score is below this."),
    click.option("--fail-under-gigw", type=click.FloatRange(0, 100),
                 help="Fail when the GIGW 3.0 score (all sections) is below this."),
    click.option("--fail-on", type=click.Choice((*IMPACT_CHOICES, "none")),
                 help="Fail on any violation of this impact or worse; 'none' leaves the gate to scores and "
                      "budgets. [default: minor, i.e. any violation]"),
    click.option("--fail-on-review", is_flag=True, default=None, help="Needs-review findings fail the gate too."),
    click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
                 help="Known findings (from `kasauti baseline create`): only new ones fail the gate."),
    click.option("--max-new", type=click.IntRange(0), help="With --baseline: allow up to N new violations."),
    click.option("--lang", "locale", type=click.Choice(("en", "hi")), help="Language of messages and reports."),
    click.option("--base-url", help="For a folder: the URL it is published at (default: from sitemap.xml)."),
    click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="Config file (default: kasauti.toml or [tool.kasauti] in pyproject.toml)."),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
]


def audit_options(func):
    for decorator in reversed(_AUDIT_OPTIONS):
        func = decorator(func)
    return func


@main.command()
@audit_options
def audit(target, **cli):
    """Audit TARGET: a site URL (crawled politely) or a built site folder.

    \b
    Examples:
      kasauti audit https://ministry.example.gov.in/ --max-pages 200
      kasauti audit site/ --format html --format sarif --output-dir reports/
      kasauti audit site/ --engines static,axe --fail-on serious
      kasauti audit site/ --baseline .kasauti-baseline.json
    """
    from kasauti.linter import baseline as baselines  # noqa: PLC0415
    from kasauti.linter.gate import GateOptions, evaluate  # noqa: PLC0415

    opt, result = _run_audit(target, cli)
    comparison = None
    if opt.get("baseline"):
        try:
            comparison = baselines.compare(result.findings, baselines.load(Path(opt["baseline"])))
        except baselines.BaselineError as exc:
            raise click.UsageError(str(exc)) from exc
    fail_on = opt.get("fail_on") or "minor"
    if fail_on not in (*IMPACT_CHOICES, "none"):
        raise click.UsageError(f"fail-on must be one of {', '.join(IMPACT_CHOICES)} or none, not {fail_on!r}")
    gate = GateOptions(fail_under=opt.get("fail_under"), fail_under_gigw=opt.get("fail_under_gigw"),
                       fail_on=None if fail_on == "none" else fail_on,
                       fail_on_review=bool(opt.get("fail_on_review")), max_new=opt.get("max_new"),
                       rule_budgets=dict(opt.get("rule_budgets") or {}), url_budgets=dict(opt.get("url_budgets") or {}))
    result.gate = evaluate(result, gate, comparison)
    _write_reports(result, opt["formats"], opt.get("output"), opt.get("output_dir"), opt["locale"])
    sys.exit(EXIT_OK if result.gate["passed"] else EXIT_GATE)


def _run_audit(target: str, cli: dict):
    """Merge config and options, run the audit; exits 2 with a clear message on a bad target or engine."""
    from kasauti.linter.audit import AuditError, AuditOptions, audit as run_audit  # noqa: PLC0415
    from kasauti.linter.config import ConfigError, find_config, load_config  # noqa: PLC0415
    from kasauti.linter.crawl import CrawlOptions  # noqa: PLC0415

    try:
        config = load_config(cli.get("config_path") or find_config())
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    opt = _merge(config, cli)
    formats = opt.get("formats") or opt.get("format") or ("terminal",)
    opt["formats"] = (formats,) if isinstance(formats, str) else tuple(formats)
    if opt.get("output") and len(opt["formats"]) > 1:
        raise click.UsageError("--output takes one format; use --output-dir for several")
    unknown_formats = [f for f in opt["formats"] if f not in FORMATS]
    if unknown_formats:
        raise click.UsageError(f"unknown format(s) {', '.join(unknown_formats)}")
    engines = _split([opt["engines"]] if isinstance(opt.get("engines"), str) else opt.get("engines") or ["static"])
    crawl_defaults = CrawlOptions()
    ignore_robots = bool(opt.get("ignore_robots"))
    if ignore_robots:
        click.echo("kasauti: warning: robots.txt is being ignored; audit only sites you are allowed to.", err=True)
    from kasauti.linter.audit import is_url  # noqa: PLC0415

    # A crawl is capped by default (politeness); a built folder is audited whole unless asked otherwise.
    default_pages = crawl_defaults.max_pages if is_url(target) else 10**9
    crawl_options = CrawlOptions(
        max_pages=opt.get("max_pages") or default_pages,
        max_depth=opt["max_depth"] if opt.get("max_depth") is not None else crawl_defaults.max_depth,
        include=_split(opt.get("include")), exclude=_split(opt.get("exclude")),
        delay=opt["delay"] if opt.get("delay") is not None else crawl_defaults.delay,
        concurrency=opt.get("concurrency") or crawl_defaults.concurrency,
        timeout=opt.get("timeout") or crawl_defaults.timeout,
        user_agent=opt.get("user_agent") or crawl_defaults.user_agent,
        respect_robots=not ignore_robots,
    )
    opt["locale"] = opt.get("lang") or "en"
    from kasauti.linter.audit import engine_options  # noqa: PLC0415

    try:  # [axe], [lighthouse] and [budgets] tables of the config
        browser_options = engine_options(opt, engines, opt.get("concurrency"))
    except AuditError as exc:
        raise click.UsageError(str(exc)) from exc
    options = AuditOptions(
        engines=engines, select=_split(opt.get("select")), ignore=_split(opt.get("ignore")), locale=opt["locale"],
        crawl=crawl_options, base_url=opt.get("base_url"), **browser_options,
    )
    try:
        with _progress(quiet=bool(cli.get("quiet"))) as on_event:
            result = run_audit(target, options, on_event=on_event)
    except AuditError as exc:
        click.echo(f"kasauti: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    return opt, result


@main.group()
def baseline():
    """Create or update a baseline of known findings, so CI fails only on new ones."""


@baseline.command("create")
@audit_options
@click.option("--file", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(".kasauti-baseline.json"), show_default=True, help="Baseline file to write.")
def baseline_create(target, baseline_file, **cli):
    """Audit TARGET and record every current violation as known."""
    _write_baseline(target, baseline_file, cli, update=False)


@baseline.command("update")
@audit_options
@click.option("--file", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(".kasauti-baseline.json"), show_default=True, help="Baseline file to update.")
def baseline_update(target, baseline_file, **cli):
    """Audit TARGET and rewrite the baseline: fixed findings drop out; new ones are added (say so in review)."""
    _write_baseline(target, baseline_file, cli, update=True)


def _write_baseline(target: str, path: Path, cli: dict, update: bool) -> None:
    from kasauti.linter import baseline as baselines  # noqa: PLC0415

    cli.pop("baseline", None)
    _opt, result = _run_audit(target, cli)
    entries = baselines.entries_from(result.findings)
    if update and path.exists():
        try:
            comparison = baselines.compare(result.findings, baselines.load(path))
        except baselines.BaselineError as exc:
            raise click.UsageError(str(exc)) from exc
        click.echo(f"kasauti: baseline {path}: {len(comparison.fixed)} fixed entr(y/ies) removed, "
                   f"{len(comparison.new)} new violation(s) added", err=True)
    path.write_text(baselines.render(entries, target), encoding="utf-8")
    click.echo(f"kasauti: wrote baseline of {sum(e.count for e in entries)} violation(s) "
               f"({len(entries)} fingerprints) to {path}", err=True)


def _merge(config: dict, cli: dict) -> dict:
    """Command-line values win over config values; empty tuples and None mean 'not given'."""
    merged = dict(config)
    if "lang" in merged:
        merged["locale"] = merged["lang"]
    for key, value in cli.items():
        if value is None or value == () or value is False:
            continue
        merged[key] = value
    merged["lang"] = cli.get("locale") or config.get("lang")
    return merged


def _write_reports(result, formats, output, output_dir, locale) -> None:
    from kasauti.linter.report import EXTENSIONS, RENDERERS  # noqa: PLC0415

    locate = None
    if any(fmt in ("terminal", "html", "sarif") for fmt in formats):
        from kasauti.linter.report.sources import locator_for  # noqa: PLC0415

        locate = locator_for(result.target)  # Markdown / built HTML file and line, for a built folder
    for fmt in formats:
        kwargs = {"locale": locale} if fmt in ("terminal", "html") else {}
        if fmt in ("terminal", "html", "sarif"):
            kwargs["locate"] = locate
        if fmt == "terminal":
            kwargs["color"] = sys.stdout.isatty() and output is None
        text = RENDERERS[fmt](result, **kwargs)
        if fmt == "terminal" and not output:
            click.echo(text)  # a terminal report belongs on the terminal, even with --output-dir
            continue
        if output_dir:
            Path(output_dir).mkdir(parents=True, exist_ok=True)
            path = Path(output_dir) / f"report{EXTENSIONS[fmt]}"
        elif output:
            path = Path(output)
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            click.echo(text)
            continue
        path.write_text(text, encoding="utf-8")
        click.echo(f"kasauti: wrote {fmt} report to {path}", err=True)
    if (output or output_dir) and "terminal" not in formats:
        gate = result.gate or {}
        verdict = "passed" if gate.get("passed") else "FAILED: " + "; ".join(gate.get("reasons", []))
        click.echo(f"kasauti: score {result.score:.1f}/100 over {len(result.pages)} page(s); gate {verdict}", err=True)


class _progress:
    """A rich progress bar on a terminal (pages found / audited / failed); silent otherwise."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()
        self.counts = {"found": 0, "audited": 0, "failed": 0}

    def __enter__(self):
        if not self.enabled:
            return lambda *a, **k: None
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # noqa: PLC0415

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 TextColumn("{task.completed}/{task.total} audited · {task.fields[failed]} failed"),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("Auditing", total=None, failed=0)
        return self.on_event

    def on_event(self, kind: str, **data) -> None:
        # The crawler reports every resource; the bar counts HTML pages (documents and link checks are extra).
        if kind == "audited" or (kind in ("found", "failed") and data.get("resource", "page") == "page"):
            self.counts[kind] += 1
        total = max(self.counts["found"], self.counts["audited"] + self.counts["failed"])
        self.progress.update(self.task, total=total or None, completed=self.counts["audited"],
                             failed=self.counts["failed"], description=str(data.get("url", "Auditing"))[-50:])

    def __exit__(self, *exc):
        if self.enabled:
            self.progress.stop()
        return False


@main.command()
@click.option("--format", "fmt", type=click.Choice(("table", "json", "markdown")), default="table")
@click.option("--engine", type=click.Choice(("static", "http", "axe", "lighthouse")), help="Only this engine's rules.")
def rules(fmt, engine):
    """List every rule: code, name, impact, WCAG, GIGW, engine."""
    from kasauti.linter.rules import all_rules  # noqa: PLC0415

    chosen = [r for r in all_rules() if engine is None or r.engine == engine]
    if fmt == "json":
        click.echo(json.dumps([{
            "code": r.code, "name": r.name, "impact": r.impact, "wcag": list(r.wcag), "gigw": list(r.gigw),
            "engine": r.engine, "scope": r.scope, "status": r.status, "since": r.since, "summary": r.summary,
        } for r in chosen], ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        click.echo("| code | name | impact | WCAG | GIGW | engine |\n|---|---|---|---|---|---|")
        for r in chosen:
            click.echo(f"| {r.code} | {r.name} | {r.impact} | {', '.join(r.wcag)} | {', '.join(r.gigw)} | {r.engine} |")
        return
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    table = Table(title=f"Kasauti rules ({len(chosen)})")
    for column in ("code", "name", "impact", "WCAG", "GIGW", "engine"):
        table.add_column(column)
    for r in chosen:
        table.add_row(r.code, r.name, r.impact, " ".join(r.wcag), " ".join(r.gigw), r.engine)
    Console(width=160).print(table)


@main.command()
@click.argument("code")
@click.option("--lang", "locale", type=click.Choice(("en", "hi")), default="en")
def explain(code, locale):
    """Show a rule's documentation (by code or name), e.g. `kasauti explain IMG001`."""
    from kasauti.linter.rules import get_rule  # noqa: PLC0415

    rule = get_rule(code)
    if rule is None:
        raise click.UsageError(f"no rule {code!r}; `kasauti rules` lists them")
    click.echo(f"{rule.code} {rule.name} — {rule.summary}\n")
    click.echo(f"impact: {rule.impact}   engine: {rule.engine}   scope: {rule.scope}   status: {rule.status}")
    click.echo(f"WCAG: {', '.join(rule.wcag) or '-'}   GIGW: {', '.join(rule.gigw) or '-'}\n")
    for heading, body in rule.sections().items():
        if heading == "summary" or not body:
            continue
        click.echo(f"{heading}:")
        click.echo("\n".join("    " + line for line in body.splitlines()) + "\n")
    click.echo("Messages:")
    for mid, texts in rule.messages.items():
        click.echo(f"    {mid}: {texts.get(locale) or texts.get('en')}")


@main.command()
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/rules"),
              show_default=True)
@click.option("--check", is_flag=True, help="Exit 1 if the checked-in pages differ from what would be generated.")
def docs(output, check):
    """Regenerate the rule reference pages (Markdown, one per rule, plus an index) from the rule docstrings."""
    from kasauti.linter.docs import render_rule_pages  # noqa: PLC0415

    pages = render_rule_pages()
    stale = [name for name, text in pages.items()
             if not (output / name).is_file() or (output / name).read_text("utf-8") != text]
    extra = sorted(p.name for p in output.glob("*.md") if p.name not in pages) if output.is_dir() else []
    if check:
        if stale or extra:
            click.echo(f"kasauti: rule docs are stale ({len(stale)} changed, {len(extra)} extra); "
                       f"run `kasauti docs`", err=True)
            sys.exit(EXIT_GATE)
        click.echo(f"kasauti: {len(pages)} rule pages up to date")
        return
    output.mkdir(parents=True, exist_ok=True)
    for name in extra:
        (output / name).unlink()
    for name, text in pages.items():
        (output / name).write_text(text, encoding="utf-8")
    click.echo(f"kasauti: wrote {len(pages)} pages to {output}")


@main.command()
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@click.option("--defaults", is_flag=True, help="Take every answer's default (non-interactive).")
@click.option("--data", "data", multiple=True, metavar="KEY=VALUE", help="An answer, e.g. ministry_name_en=...")
@click.option("--answers-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML file of answers.")
@click.option("--force", is_flag=True, help="Render into a non-empty folder, overwriting files.")
def new(destination, defaults, data, answers_file, force):
    """Scaffold a new GIGW-ready ministry site (English + Hindi) in DESTINATION."""
    from kasauti.site_template import render_site  # noqa: PLC0415

    answers: dict = {}
    if answers_file:
        import yaml  # noqa: PLC0415

        answers.update(yaml.safe_load(answers_file.read_text("utf-8")) or {})
    for item in data:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--data takes KEY=VALUE, got {item!r}")
        answers[key.strip()] = value
    if destination.exists() and any(destination.iterdir()) and not force:
        raise click.UsageError(f"{destination} is not empty (use --force to render into it)")
    path = render_site(destination, answers, defaults=defaults or bool(answers_file), overwrite=force)
    click.echo(f"kasauti: new site in {path}\n  cd {path} && mkdocs build && kasauti audit site/")


# ---- fleet mode: survey, worker, leaderboard ------------------------------------------------------------
_DB_OPTION = click.option("--db", "db_url", default="kasauti-fleet.sqlite", show_default=True,
                          help="Results database: a SQLite file, or postgresql://user:pass@host/db.")


@main.command()
@click.argument("sites_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_DB_OPTION
@click.option("--broker", help="redis://host:6379/0 or amqp://...: run sites as Celery tasks on `kasauti worker`s "
                               "instead of in this process.")
@click.option("--concurrency", "-c", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Sites audited at once (in-process mode).")
@click.option("--engines", "-e", default="static", show_default=True, help="Comma-separated: static, axe, lighthouse.")
@click.option("--max-pages", type=click.IntRange(1), default=50, show_default=True, help="HTML pages per site.")
@click.option("--max-depth", type=click.IntRange(0), default=10, show_default=True)
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between requests to one host (politeness).")
@click.option("--timeout", type=click.FloatRange(1), default=20.0, show_default=True, help="Seconds per request.")
@click.option("--site-time-limit", type=click.FloatRange(5), default=1800.0, show_default=True,
              help="Seconds one site (one stage) may take before it is recorded as time-limit.")
@click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (warns; only with permission).")
@click.option("--select", multiple=True, help="Only these rules (comma-separated codes or prefixes).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--lang", "locale", type=click.Choice(("en", "hi")), default="en", show_default=True)
@click.option("--reports-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("fleet-reports"),
              show_default=True, help="Per-site JSON and HTML reports go to DIR/RUN/.")
@click.option("--resume", "resume_run", metavar="RUN", help="Continue this run (default: the last unfinished run "
                                                            "over the same CSV is continued).")
@click.option("--new", "new_run", is_flag=True, help="Start a new run even if one over this CSV is unfinished.")
@click.option("--label", default="", help="A name for the run shown on the leaderboard (e.g. '2026 Q4').")
@click.option("--no-wait", is_flag=True, help="With --broker: queue the sites and exit; `--resume RUN` follows later.")
@click.option("--visibility-timeout", type=click.FloatRange(5), default=None,
              help="Redis: seconds before a dead worker's message is redelivered. [default: 3600]")
@click.option("--lease-ttl", type=click.FloatRange(2), default=60.0, show_default=True,
              help="Seconds a site stays claimed by a worker that stopped answering (heartbeat every third).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def survey(sites_csv, db_url, broker, concurrency, engines, max_pages, max_depth, delay, timeout, site_time_limit,
           ignore_robots, select, ignore, locale, reports_dir, resume_run, new_run, label, no_wait,
           visibility_timeout, lease_ttl, quiet):
    """Audit every site listed in SITES_CSV (columns: url, ministry/department, state, category).

    \b
    Examples:
      kasauti survey sites.csv                                    # in this process, results in kasauti-fleet.sqlite
      kasauti survey sites.csv --broker redis://localhost:6379/0  # on Celery workers (`kasauti worker`)
      kasauti survey sites.csv --resume 20261203T101500Z-3f9a1c   # continue an interrupted run
    """
    from kasauti.linter.audit import ENGINE_NAMES  # noqa: PLC0415
    from kasauti.linter.fleet.sites import SitesFileError  # noqa: PLC0415
    from kasauti.linter.fleet.store import Store, StoreError  # noqa: PLC0415
    from kasauti.linter.fleet.survey import (SurveyError, dispatch, follow, plan_survey,  # noqa: PLC0415
                                             run_survey_local)
    from kasauti.linter.fleet.work import SurveySettings  # noqa: PLC0415

    chosen = _split([engines])
    unknown = [e for e in chosen if e not in ENGINE_NAMES]
    if unknown or "static" not in chosen:
        raise click.UsageError(f"--engines takes static[,axe][,lighthouse], not {engines!r}")
    if broker and not broker.startswith(("redis://", "rediss://", "redis+socket://", "amqp://", "amqps://",
                                         "pyamqp://")):
        raise click.UsageError(f"--broker takes a redis:// or amqp:// URL, not {broker!r}")
    if no_wait and not broker:
        raise click.UsageError("--no-wait needs --broker")
    if ignore_robots:
        click.echo("kasauti: warning: robots.txt is being ignored; audit only sites you are allowed to.", err=True)
    settings = SurveySettings(engines=chosen, max_pages=max_pages, max_depth=max_depth, delay=delay, timeout=timeout,
                              ignore_robots=ignore_robots, select=_split(select), ignore=_split(ignore),
                              locale=locale, reports_dir=str(reports_dir.resolve()), site_time_limit=site_time_limit,
                              lease_ttl=lease_ttl)
    try:
        store = Store(db_url)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        plan = plan_survey(store, sites_csv, settings, resume=resume_run, new=new_run, label=label,
                           mode="celery" if broker else "local")
    except (SitesFileError, SurveyError) as exc:
        raise click.UsageError(str(exc)) from exc
    for problem in plan.sites.problems:
        click.echo(f"kasauti: {sites_csv}: {problem}", err=True)
    verb = "resuming" if plan.resumed else "started"
    click.echo(f"kasauti: survey run {plan.run_id} {verb}: {len(plan.sites.sites)} site(s), "
               f"{plan.remaining} to audit", err=True)
    with _fleet_progress(quiet) as on_progress:
        if broker:
            try:
                sent = dispatch(store, plan, broker, visibility_timeout=visibility_timeout)
            except SurveyError as exc:
                click.echo(f"kasauti: {exc}", err=True)
                sys.exit(EXIT_ERROR)
            click.echo(f"kasauti: queued {sent} site(s) on {broker.split('@')[-1]}", err=True)
            if no_wait:
                sys.exit(EXIT_OK)
            progress = follow(store, plan, broker, on_progress=on_progress)
        else:
            progress = run_survey_local(store, plan, concurrency=concurrency, on_progress=on_progress)
    statuses = {k: v for k, v in progress.items() if k not in ("total", "done", "running", "pending")}
    summary = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0])))
    click.echo(f"kasauti: run {plan.run_id}: {progress['done']}/{progress['total']} site(s) done ({summary})")
    store.close()
    sys.exit(EXIT_OK if progress["done"] >= progress["total"] else EXIT_ERROR)


class _fleet_progress:
    """A rich progress bar of sites done (on a terminal); silent otherwise."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()

    def __enter__(self):
        if not self.enabled:
            return lambda progress: None
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

        self.progress = Progress(TextColumn("Survey"), BarColumn(), TextColumn("{task.completed}/{task.total} sites"),
                                 TextColumn("{task.fields[failed]} failed · {task.fields[running]} running"),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("survey", total=None, failed=0, running=0)
        return self.update

    def update(self, progress: dict) -> None:
        failed = progress["done"] - progress.get("ok", 0)
        self.progress.update(self.task, total=progress["total"], completed=progress["done"], failed=failed,
                             running=progress.get("running", 0))

    def __exit__(self, *exc):
        if self.enabled:
            self.progress.stop()
        return False


@main.command()
@click.option("--broker", required=True, help="redis://host:6379/0 or amqp://... (the survey's broker).")
@_DB_OPTION
@click.option("--queues", "-Q", default="static,browser,lighthouse", show_default=True,
              help="Queues to consume: static (crawl + static rules), browser (axe), lighthouse.")
@click.option("--concurrency", "-c", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Worker processes (each with its own long-lived Chromium for the browser queue). Lighthouse "
                   "runs one at a time per machine whatever this is.")
@click.option("--reports-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write reports here instead of where the survey asked (a shared folder on this machine).")
@click.option("--hostname", "-n", help="Worker name, e.g. static1@%h.")
@click.option("--max-tasks-per-child", type=click.IntRange(1), default=200, show_default=True,
              help="Replace a worker process (and its browser) after this many sites.")
@click.option("--visibility-timeout", type=click.FloatRange(5), default=None,
              help="Redis: seconds before a dead worker's message is redelivered. [default: 3600]")
@click.option("--loglevel", default="WARNING", show_default=True,
              type=click.Choice(("DEBUG", "INFO", "WARNING", "ERROR"), case_sensitive=False))
def worker(broker, db_url, queues, concurrency, reports_dir, hostname, max_tasks_per_child, visibility_timeout,
           loglevel):
    """Run a fleet worker: audit the sites a `kasauti survey --broker` queues (Ctrl-C stops it warmly)."""
    from kasauti.linter.fleet.store import StoreError  # noqa: PLC0415
    from kasauti.linter.fleet.tasks import run_worker  # noqa: PLC0415

    chosen = _split([queues])
    try:
        run_worker(broker, db_url, queues=chosen, concurrency=concurrency,
                   reports_dir=str(reports_dir.resolve()) if reports_dir else None, hostname=hostname,
                   loglevel=loglevel.upper(), max_tasks_per_child=max_tasks_per_child,
                   visibility_timeout=visibility_timeout)
    except (ValueError, StoreError) as exc:
        raise click.UsageError(str(exc)) from exc


@main.command()
@_DB_OPTION
@click.option("--run", "run_id", metavar="RUN", help="The run to rank. [default: the latest run]")
@click.option("--output-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("leaderboard"),
              show_default=True, help="Writes index.html, leaderboard.csv and sites/*.html here.")
@click.option("--list", "list_runs", is_flag=True, help="List the survey runs in the database and exit.")
def leaderboard(db_url, run_id, output_dir, list_runs):
    """Render the survey leaderboard: sites ranked by score, GIGW sections, ministries and states, top failing
    rules, trends across runs (accessible HTML with SVG charts, plus CSV)."""
    from kasauti.linter.fleet.leaderboard import LeaderboardError, write_leaderboard  # noqa: PLC0415
    from kasauti.linter.fleet.store import Store, StoreError  # noqa: PLC0415

    if not Path(db_url).exists() and "://" not in db_url:
        raise click.UsageError(f"no database {db_url} (run `kasauti survey` first)")
    try:
        store = Store(db_url)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    if list_runs:
        for run in store.runs():
            state = "finished" if run["finished_at"] else "unfinished"
            click.echo(f"{run['run_id']}  {run['created_at']}  {run['done']}/{run['sites']} done, {run['ok']} ok  "
                       f"{state}  {run['label'] or run['source']}")
        return
    try:
        written = write_leaderboard(store, output_dir, run_id=run_id)
    except LeaderboardError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"kasauti: leaderboard of run {written.run_id} ({written.sites} sites) written to "
               f"{written.index} and {written.csv}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()

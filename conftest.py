"""Project-wide pytest hooks. With FAIL_ON_SKIP=1 (set by .ci/run) a skipped test fails the run:
in CI every test — PostgreSQL-only races, the browser, the real Celery worker — must really run."""

import os

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("FAIL_ON_SKIP") == "1" and _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if os.environ.get("FAIL_ON_SKIP") == "1" and _skipped:
        terminalreporter.write_line(
            f"FAIL_ON_SKIP: {len(_skipped)} test(s) were skipped, which CI does not allow:",
            red=True,
        )
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)

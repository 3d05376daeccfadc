"""Project-wide pytest hooks. No test is skipped anywhere: a skipped test fails the run, here as in
CI, so a missing prerequisite (Chromium, say) is never mistaken for a green suite."""

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped:
        terminalreporter.write_line(
            f"{len(_skipped)} test(s) were skipped, which this project does not allow:", red=True
        )
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)

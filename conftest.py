"""For the whole run, whatever was collected: names on the shared servers carry the run's prefix
(kit/testing/leftovers.py), and what the run left there with it fails the run."""

from __future__ import annotations

import pytest

from kit.testing import leftovers


def pytest_configure(config: pytest.Config) -> None:
    leftovers.run_prefix()  # made now, so every process a test starts inherits it


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):  # a pytest-xdist worker: its controller looks,
        return  # once every worker is done (a worker done early would see the others' names)
    left = leftovers.check_the_run()
    if not left:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"{kind}: {', '.join(names)}" for kind, names in left.items()]
    message = ("the run left these on the servers (now removed); the test that made each must "
               "remove it:\n  " + "\n  ".join(lines))
    if reporter is not None:
        reporter.write_sep("=", "left on the servers", red=True)
        reporter.write_line(message)
    else:
        print(message)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED

"""The command line as a user meets it: subcommands listed, user errors in one line with exit status 2."""

import subprocess
import sys
from pathlib import Path

import pytest

RESOGRAPH = Path(sys.executable).with_name("resograph")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(RESOGRAPH), *args], capture_output=True, text=True, timeout=120, **kwargs)


def test_help_lists_every_subcommand():
    result = run("--help")
    assert result.returncode == 0
    for name in ("outline", "extract", "evaluate", "build", "validate", "load", "query", "serve"):
        assert name in result.stdout


def test_no_subcommand_prints_usage_and_fails():
    result = run()
    assert result.returncode == 2 and "usage: resograph" in result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (("query", "no-such-query"), "resograph query: no-such-query: no such library query or .rq file"),
        (("query", "commitments-to-actor", "--store", "{tmp}/empty"), "no resograph store here"),
        (("validate", "--store", "{tmp}/empty"), "no resograph store here"),
    ],
)
def test_user_errors_are_one_line_with_status_2(tmp_path, args, expected):
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr

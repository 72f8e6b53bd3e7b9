"""The command line: commands not built yet say so plainly."""

from __future__ import annotations

import pytest

from ledger.cli import NOT_BUILT, main, parser


def _choices():
    return parser()._subparsers._group_actions[0].choices


@pytest.mark.parametrize("name", sorted(NOT_BUILT))
def test_unbuilt_commands_say_so(name, capsys):
    run = _choices()[name].get_default("run")
    if "_not_built" not in run.__qualname__:
        pytest.skip(f"cwl {name} is built")
    assert main([name, "x"]) == 2
    assert "not built yet" in capsys.readouterr().err


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("demo", "check", *NOT_BUILT):
        assert name in out

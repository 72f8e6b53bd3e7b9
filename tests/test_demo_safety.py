"""``cwl demo`` never destroys a file: it writes only into an empty folder or
over its own earlier demo (``--force`` writes beside a user's files, never
over them), checks ``--size`` before touching anything, and a run that fails
or is interrupted leaves the folder as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli import main as cli
from ledger.demo import writer
from ledger.demo.generator import core_transactions, generate


def snapshot(folder: Path) -> dict[str, bytes | str] | None:
    """Every path under ``folder`` (hidden ones included) with its bytes."""
    if not folder.exists():
        return None
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".")]


def demo(*argv: str) -> int:
    return cli.main(["demo", *argv])


def run_demo(*argv: str) -> int:
    """The command itself, without ``main``'s Ctrl-C handling around it."""
    args = cli.parser("demo").parse_args(["demo", *argv])
    return args.run(args)


@pytest.fixture
def users_folder(tmp_path: Path) -> Path:
    """A folder of the user's own, with names the demo also writes."""
    folder = tmp_path / "books"
    (folder / "inputs").mkdir(parents=True)
    (folder / "main.beancount").write_text('option "title" "My own council"\n')
    (folder / "accounts.beancount").write_text("2020-01-01 open Assets:Mine GBP\n")
    (folder / "inputs" / "spend-2020-06.csv").write_text("my,own,csv\n")
    (folder / "notes.txt").write_text("not a demo file\n")
    return folder


@pytest.fixture
def previous_demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    generate(folder, seed=3)
    return folder


def test_a_folder_with_a_users_files_is_refused_and_left_alone(users_folder, capsys):
    before = snapshot(users_folder)
    assert demo(str(users_folder)) == 2
    err = capsys.readouterr().err
    assert str(users_folder / "accounts.beancount") in err  # names one of them
    assert "--force" in err and err.count("\n") == 1
    assert snapshot(users_folder) == before


def test_a_single_unknown_file_is_refused_with_force_offered(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine\n")
    assert demo(str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'notes.txt'}: not written by cwl demo" in err
    assert "or --force to write the demo beside these files (they are kept)" in err
    assert snapshot(tmp_path) == {"notes.txt": b"mine\n"}


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_refused_size_deletes_nothing(users_folder, force, capsys):
    # It used to open (truncate) the user's accounts.beancount and
    # main.beancount, then delete them on finding --size too small.
    before = snapshot(users_folder)
    assert demo(str(users_folder), "--size", "5", *force) == 2
    assert f"--size must be at least {core_transactions()}" in capsys.readouterr().err
    assert snapshot(users_folder) == before


def test_a_refused_size_keeps_the_previous_demo(previous_demo, tmp_path, capsys):
    before = snapshot(previous_demo)
    assert demo(str(previous_demo), "--size", "5") == 2
    assert snapshot(previous_demo) == before
    assert demo(str(tmp_path / "new"), "--size", "-1") == 2
    assert not (tmp_path / "new").exists()


def test_demo_over_its_own_previous_output(previous_demo, tmp_path, capsys):
    assert demo(str(previous_demo), "--seed", "4") == 0
    generate(tmp_path / "fresh", seed=4)
    assert snapshot(previous_demo) == snapshot(tmp_path / "fresh")
    assert temporary_files(previous_demo) == []
    listed = json.loads((previous_demo / "demo-files.json").read_text())["files"]
    assert "main.beancount" in listed and "inputs/bank-statement.csv" in listed


def test_an_earlier_demo_without_its_list_is_recognised(previous_demo, capsys):
    (previous_demo / "demo-files.json").unlink()  # as written before the list existed
    assert demo(str(previous_demo)) == 0
    (previous_demo / "demo-files.json").unlink()
    (previous_demo / "todo.txt").write_text("mine\n")
    before = snapshot(previous_demo)
    assert demo(str(previous_demo)) == 2  # which files are its own is no longer clear
    err = capsys.readouterr().err
    assert f"{previous_demo / 'accounts.beancount'}: may be an earlier demo's" in err
    assert snapshot(previous_demo) == before


def test_force_writes_beside_the_users_files_and_keeps_them(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.md").write_text("# plan\n")
    assert demo(str(tmp_path), "--force") == 0
    assert (tmp_path / "notes.txt").read_text() == "mine\n"
    assert (tmp_path / "docs" / "plan.md").read_text() == "# plan\n"
    assert (tmp_path / "main.beancount").exists()
    listed = json.loads((tmp_path / "demo-files.json").read_text())["files"]
    assert "notes.txt" not in listed and "docs/plan.md" not in listed
    assert demo(str(tmp_path), "--force", "--seed", "5") == 0  # over its own files
    assert (tmp_path / "notes.txt").read_text() == "mine\n"
    assert demo(str(tmp_path)) == 2  # the user's files are still there
    err = capsys.readouterr().err
    assert f"{tmp_path / 'docs' / 'plan.md'}: not written by cwl demo (and 1 other file)" in err


@pytest.mark.parametrize("case", ["user's main.beancount", "edited demo file",
                                  "inputs is a file", "main.beancount is a folder",
                                  "symbolic link"])
def test_force_never_writes_over_a_file_the_demo_did_not_write(tmp_path, capsys, case):
    folder = tmp_path / "books"
    if case == "user's main.beancount":
        folder.mkdir()
        (folder / "main.beancount").write_text("my ledger\n")
        named, why = folder / "main.beancount", "not written by cwl demo"
    elif case == "edited demo file":
        generate(folder)
        with (folder / "grants.beancount").open("a") as books:
            books.write("; my note\n")
        named, why = folder / "grants.beancount", "changed since cwl demo wrote it"
    elif case == "inputs is a file":
        folder.mkdir()
        (folder / "inputs").write_text("mine\n")
        named, why = folder / "inputs", "is in the way"
    elif case == "main.beancount is a folder":
        (folder / "main.beancount").mkdir(parents=True)
        named, why = folder / "main.beancount", "is in the way"
    else:
        folder.mkdir()
        (tmp_path / "elsewhere.beancount").write_text("elsewhere\n")
        (folder / "settings.beancount").symlink_to(tmp_path / "elsewhere.beancount")
        named, why = folder / "settings.beancount", "not a regular file"
    before = snapshot(folder)
    assert demo(str(folder), "--force") == 2
    err = capsys.readouterr().err
    assert f"{named}: {why}" in err, err
    assert snapshot(folder) == before
    if case == "symbolic link":
        assert (tmp_path / "elsewhere.beancount").read_text() == "elsewhere\n"


def test_a_file_given_as_the_folder_is_refused(tmp_path, capsys):
    target = tmp_path / "main.beancount"
    target.write_text("mine\n")
    assert demo(str(target)) == 2
    assert f"cwl demo: {target}: is a file, not a folder" in capsys.readouterr().err
    assert target.read_text() == "mine\n"


def _interrupt_after(monkeypatch, target: object, name: str, calls: int) -> None:
    """Make ``target.name`` raise KeyboardInterrupt on its ``calls``-th call."""
    real = getattr(target, name)
    count = {"n": 0}

    def interrupted(*args, **kwargs):
        count["n"] += 1
        if count["n"] == calls:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, interrupted)


@pytest.mark.parametrize("where", ["a transaction", "a file's close"])
@pytest.mark.parametrize("folder", ["previous demo", "new folder"])
def test_ctrl_c_while_writing_leaves_the_folder_as_it_was(previous_demo, tmp_path,
                                                          monkeypatch, where, folder):
    out = previous_demo if folder == "previous demo" else tmp_path / "new" / "demo"
    before = snapshot(out)
    if where == "a transaction":  # in the middle of the filler payments
        _interrupt_after(monkeypatch, writer.LedgerWriter, "txn", 1500)
    else:  # the eleventh file, the first input, as it is synced to disk
        _interrupt_after(monkeypatch, os, "fsync", 11)
    with pytest.raises(KeyboardInterrupt):
        run_demo(str(out), "--seed", "4")
    monkeypatch.undo()
    assert snapshot(out) == before
    assert not (tmp_path / "new").exists() or folder == "previous demo"


def test_ctrl_c_during_the_renames_finishes_them(previous_demo, tmp_path, monkeypatch):
    _interrupt_after(monkeypatch, os, "replace", 3)
    with pytest.raises(KeyboardInterrupt):
        run_demo(str(previous_demo), "--seed", "4")
    monkeypatch.undo()
    generate(tmp_path / "fresh", seed=4)
    assert snapshot(previous_demo) == snapshot(tmp_path / "fresh")  # all new, not a mix


def test_a_failed_write_leaves_the_folder_as_it_was(previous_demo, monkeypatch, capsys):
    from ledger.demo import inputs

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(inputs, "_bank", disk_full)
    before = snapshot(previous_demo)
    assert demo(str(previous_demo), "--seed", "4") == 2
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(previous_demo) == before


def test_a_killed_runs_temporary_files_are_cleared(previous_demo, capsys):
    leftover = previous_demo / "inputs" / ".bank-statement.csv.k3j_x9q2.cwl-tmp"
    leftover.write_text("half a file\n")
    assert demo(str(previous_demo)) == 0
    assert not leftover.exists()
    assert temporary_files(previous_demo) == []

"""Which files in a folder ``cwl demo`` wrote, so that it never overwrites
or deletes anyone else's.

Each run lists what it wrote in ``demo-files.json``, with every file's
SHA-256. A later run may write over exactly those files, as long as they are
unchanged; anything else in the folder (a file it did not write, or one of
its files edited since) belongs to the user. Without ``--force`` such a file
stops the run; with it the demo is written beside them, but a file of the
user's is still never overwritten. A folder from before the list existed is
recognised by its ``planted-faults.json`` and holding the demo's file names
and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ledger.demo.writer import TEMPORARY_SUFFIX

MANIFEST = "demo-files.json"
FAULTS = "planted-faults.json"
WRITTEN_BY = "cwl demo"


class FolderRefused(ValueError):
    """The demo may not be written here; the message is ``path: reason``."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_text(root: Path, files: Iterable[tuple[Path, Path]]) -> str:
    """``demo-files.json`` for the (written file, target) pairs under ``root``."""
    listed = {target.relative_to(root).as_posix(): sha256(written)
              for written, target in files}
    return json.dumps({"written-by": WRITTEN_BY, "files": dict(sorted(listed.items()))},
                      indent=2) + "\n"


def _manifest(root: Path) -> dict[str, str] | None:
    """The files the last run listed, or None when there is no list of ours."""
    try:
        text = (root / MANIFEST).read_text(encoding="utf-8")
        listed = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(listed, dict) or listed.get("written-by") != WRITTEN_BY:
        return None
    files = listed.get("files")
    if not isinstance(files, dict):
        return None
    return {str(name): str(digest) for name, digest in files.items()}


def _entries(root: Path) -> list[str]:
    """Everything under ``root`` that is not a folder (symbolic links to
    folders included, never followed), as relative POSIX paths, sorted."""
    found = []
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        names = files + [name for name in folders if (here / name).is_symlink()]
        found += [(here / name).relative_to(root).as_posix() for name in names]
    return sorted(found)


def _real_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _regular(path: Path) -> bool:
    return stat.S_ISREG(os.lstat(path).st_mode)


def _leftover(name: str, names: Collection[str]) -> bool:
    """A temporary file of a run that was killed before it could clean up."""
    folder, _, base = name.rpartition("/")
    if not (base.startswith(".") and base.endswith(TEMPORARY_SUFFIX)):
        return False
    target = base[1:-len(TEMPORARY_SUFFIX)].rsplit(".", 1)[0]
    return f"{folder}/{target}".lstrip("/") in names


@dataclass
class Survey:
    """The folder a demo is to be written into, sorted into its kinds."""

    root: Path
    ours: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    others: dict[str, str] = field(default_factory=dict)  # name -> why it is not ours


def survey(root: Path, names: Collection[str]) -> Survey:
    """What is under ``root``, given the ``names`` a demo writes."""
    found = Survey(root)
    if not root.is_dir():
        return found
    entries = _entries(root)
    listed = _manifest(root)
    unlisted_demo = listed is None and FAULTS in entries and MANIFEST not in entries
    legacy = unlisted_demo and all(name in names or _leftover(name, names)
                                   for name in entries)
    for name in entries:
        path = root / name
        if _leftover(name, names) and _regular(path):
            found.leftovers.append(name)
        elif not _regular(path):
            found.others[name] = "not a regular file"
        elif legacy or (listed is not None and name == MANIFEST):
            found.ours.append(name)
        elif listed is not None and name in listed:
            if sha256(path) == listed[name]:
                found.ours.append(name)
            else:
                found.others[name] = "changed since cwl demo wrote it"
        elif unlisted_demo and name in names:
            found.others[name] = ("may be an earlier demo's, but the folder holds other "
                                  f"files too and no {MANIFEST} lists it")
        else:
            found.others[name] = "not written by cwl demo"
    return found


def check_folder(root: Path, names: Collection[str], force: bool) -> Survey:
    """The survey of ``root``, or ``FolderRefused`` when the demo may not be
    written there: a user's file in it (unless ``force``), or in the way of
    one of the demo's files (even with ``force``)."""
    if root.exists() and not root.is_dir():
        raise FolderRefused(f"{root}: is a file, not a folder")
    found = survey(root, names)
    for name in sorted(names):
        folders = [root / part for part in reversed(Path(name).parents[:-1])]
        in_the_way = [path for path in folders if path.exists() and not _real_folder(path)]
        in_the_way += [root / name] if _real_folder(root / name) else []
        if in_the_way:
            raise FolderRefused(f"{in_the_way[0]}: is in the way of the demo's {name}; "
                                "move it or give another folder")
        if name in found.others:
            raise FolderRefused(
                f"{root / name}: {found.others[name]}; it is never written over, "
                "even with --force: move it or give another folder")
    if found.others and not force:
        first, more = next(iter(found.others.items())), len(found.others) - 1
        also = f" (and {more} other file{'s' if more > 1 else ''})" if more else ""
        raise FolderRefused(
            f"{root / first[0]}: {first[1]}{also}; cwl demo writes only into an empty "
            "folder or over its own earlier demo: give another folder, or --force to "
            "write the demo beside these files (they are kept)")
    return found

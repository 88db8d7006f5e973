"""Read content files as untrusted input: only regular files inside the content folder, of bounded size.

Everything else the loader may meet under ``content/`` gets one located message (``path:1:1: ...``)
instead of a traceback, a hang or a silently skipped file: a missing required file, a folder, a
broken symbolic link or one that leads out of the content folder (never followed: reported), a
device, FIFO or socket (never opened, so a FIFO cannot block the build), an unreadable file, a file
over MAX_BYTES, bytes that are not UTF-8, and an empty file where content is required.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import ContentError, Problem
from .yamlfile import Document, character_problems, decode, describe, forbidden, parse

MAX_BYTES = 1_000_000  # the largest real file is 13 kB: a megabyte is a mistake, or an attack on memory
LEDGER_COMMENT = re.compile(r"\s#")
LINE_BREAK = re.compile(r"\r\n?|\n")

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _problem(display: str, message: str) -> ContentError:
    return ContentError([Problem(display, 1, 1, "", message)])


def _within(path: Path | str, folder: Path | str) -> bool:
    return Path(path).is_relative_to(folder)


def _stay_inside(path: Path, root: Path, display: str, what: str) -> None:
    """Refuse ``path`` when a link on the way (or the path itself) leads out of ``root``; opens nothing."""
    real = os.path.realpath(path)
    if not _within(real, os.path.realpath(root)):
        raise _problem(
            display,
            f"symbolic link to {real}, outside the content folder: links are not followed "
            f"out of it; put the {what} itself here",
        )


def check_file(file: Path, root: Path, display: str, *, required: bool = True) -> os.stat_result | None:
    """Stat ``file`` without opening or following it out of ``root``; None if it is missing and not required.

    Raises ContentError (located at ``display``:1:1) when the path is not a regular file inside ``root``.
    """
    if not _within(os.path.abspath(file), os.path.abspath(root)):
        raise _problem(display, "is outside the content folder: content files must live inside it")
    try:
        os.lstat(file)
    except (FileNotFoundError, NotADirectoryError):
        if required:
            raise _problem(display, f"required file is missing: create {display}") from None
        return None
    except PermissionError:
        raise _problem(display, "cannot be read (permission denied on its folder): make it readable") from None
    except OSError as err:  # ELOOP: a folder on the way is a link pointing back at itself
        raise _problem(display, f"cannot be read ({err.strerror}): fix the folders on its path") from None
    # Resolve every link on the way without opening anything, then judge the destination before touching it.
    _stay_inside(file, root, display, "file")
    try:
        info = os.stat(file)
    except FileNotFoundError:
        raise _problem(display, f"broken symbolic link: {os.readlink(file)} does not exist; fix or remove it") from None
    except OSError as err:  # ELOOP: links pointing at each other
        raise _problem(display, f"symbolic link cannot be followed ({err.strerror}): fix or remove it") from None
    if stat.S_ISDIR(info.st_mode):
        raise _problem(display, "expected a file, found a folder: rename or remove the folder")
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise _problem(display, f"expected a regular file, found {kind}: remove it")
    if info.st_size > MAX_BYTES:
        raise _problem(display, _too_large(info.st_size))
    return info


def _too_large(size: int) -> str:
    return f"file is too large: {size:,} bytes, and the limit is {MAX_BYTES:,} bytes (1 MB)"


def read_bytes(file: Path, root: Path, display: str, *, required: bool = True) -> bytes | None:
    """The bytes of a regular file inside ``root`` (see check_file); None if missing and not required."""
    if check_file(file, root, display, required=required) is None:
        return None
    try:
        # O_NONBLOCK: should the path become a FIFO after the check, opening it cannot hang the build.
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise _problem(display, "cannot be read (permission denied): make it readable") from None
    except OSError as err:
        raise _problem(display, f"cannot be read ({err.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _problem(display, "expected a regular file: it changed while being read")
        raw = handle.read(MAX_BYTES + 1)  # never more, whatever the file grew to since it was checked
    if len(raw) > MAX_BYTES:
        raise _problem(display, _too_large(len(raw)))
    return raw


def read_text(
    file: Path, root: Path, display: str, *, required: bool = True, expected: str = "YAML content"
) -> str | None:
    """The UTF-8 text of a content file, or None if it is missing and not required.

    ``root`` is the content folder: nothing outside it is read, even through a symbolic link.
    ``display`` is the path shown in messages (``content/catalog.yaml``). An empty file (or one holding
    only a byte order mark and blanks) is refused as "file is empty: expected <expected>".
    Raises ContentError with one located problem.
    """
    raw = read_bytes(file, root, display, required=required)
    if raw is None:
        return None
    text = decode(raw, display)
    if not text.strip():
        raise _problem(display, f"file is empty: expected {expected}")
    return text


def yaml_files(folder: Path, root: Path, display: str, *, required: bool = False) -> tuple[list[Path], list[Problem]]:
    """The regular ``*.yaml`` files of a content folder, sorted, and a problem for every other entry so named.

    ``display`` is the folder as shown in messages (``content/entries``); an entry's is ``display/name``.
    A missing folder lists nothing, or is a problem when ``required``. Names starting with a dot are skipped
    as editors' lock and backup files (Emacs leaves ``.#name.yaml`` as a broken link while editing).
    Sub-folders not named ``*.yaml`` are not content and are left alone.
    """
    try:
        check_folder(folder, root, display, required=required)
    except ContentError as err:
        return [], err.problems
    if not folder.exists():
        return [], []
    files: list[Path] = []
    problems: list[Problem] = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as err:
        return [], [Problem(display, 1, 1, "", f"cannot list the folder ({err.strerror}): make it readable")]
    for name in names:
        if name.startswith(".") or not name.lower().endswith((".yaml", ".yml")):
            continue
        shown = f"{display}/{name}"
        bad = next(forbidden(name), None)
        if bad is not None:  # shown escaped: a name is printed to the terminal, where ESC would be obeyed
            shown = f"{display}/{name.encode('unicode_escape', 'backslashreplace').decode('ascii')}"
            problems.append(Problem(shown, 1, 1, "", f"file name holds {describe(name[bad])}: rename the file"))
            continue
        if not name.endswith(".yaml"):  # .yml, .YAML, .Yaml: said, not silently skipped
            stem = name.rsplit(".", 1)[0]
            problems.append(Problem(shown, 1, 1, "", f"not read: content files end in .yaml; rename it to {stem}.yaml"))
            continue
        try:
            check_file(folder / name, root, shown)
        except ContentError as err:
            problems += err.problems
        else:
            files.append(folder / name)
    return files, problems


def check_folder(folder: Path, root: Path, display: str, *, required: bool = False) -> None:
    """Raise ContentError unless ``folder`` is a folder inside ``root`` (or is missing and not required)."""
    if not _within(os.path.abspath(folder), os.path.abspath(root)):
        raise _problem(display, "is outside the content folder: content folders must live inside it")
    if not os.path.lexists(folder):
        if required:
            raise _problem(display, f"required folder is missing: create {display}/")
        return
    _stay_inside(folder, root, display, "folder")
    if not os.path.exists(folder):
        raise _problem(display, f"broken symbolic link: {os.readlink(folder)} does not exist; fix or remove it")
    if not os.path.isdir(folder):
        raise _problem(display, "expected a folder, found a file: rename or remove the file")


def read_ledger(file: Path, root: Path, display: str) -> list[tuple[int, int, str]] | None:
    """(line, column, url) of every URL line of the published-URL ledger; None if there is no ledger yet.

    Read like ledger.read (``#`` starts a comment; blank lines are skipped), with the rules of read_text
    above: a folder, a link out of the content folder, an unreadable or non-UTF-8 file, an empty file or
    one listing no URL is a located error, never a silent "nothing to check". A refused character
    (a control character, NEL, U+2028...) is reported where it stands, not taken as a line break.
    """
    text = read_text(file, root, display, required=False, expected="one published URL a line")
    if text is None:
        return None
    problems = character_problems(text, display)
    if problems:
        raise ContentError(problems)
    out = []
    for number, line in enumerate(LINE_BREAK.split(text), 1):  # lines counted as in every other message
        url = LEDGER_COMMENT.split(line, 1)[0].strip()
        if url and not url.startswith("#"):
            out.append((number, len(line) - len(line.lstrip()) + 1, url))
    if not out:
        raise _problem(
            display,
            "lists no URL: run kbgen-ledger to record the published URLs, or delete the file "
            "if nothing was published yet",
        )
    return out


def load_yaml(file: Path, root: Path, display: str) -> Document:
    """Read ``file`` safely (see read_text; ``root`` is the content folder) and parse it."""
    text = read_text(file, root, display)
    assert text is not None  # a required file is never None
    return parse(text, display)

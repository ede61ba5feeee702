"""The .deb without an entry for ``/opt`` itself, so that removing it leaves ``/opt`` alone.

``dpkg-deb --build`` lists every folder of the package tree, ``./opt/`` included. dpkg then
counts the package as an owner of ``/opt`` and, on every remove, tries to delete it: with
anything else in ``/opt`` it warns "directory '/opt' not empty so not removed", and on a
machine where the app was the only thing there it deletes ``/opt`` (which base-files creates,
but does not list). Packages that install into ``/usr`` avoid this because other packages own
those folders. So, after ``dpkg-deb`` has built and checked the package, ``without_folders``
writes ``data.tar`` again without the given folder entries (the files under them, their modes
and owners unchanged) and puts the archive back together in the same ``ar`` layout dpkg-deb
uses. The folder itself has to exist when the package is unpacked: ``/opt`` is part of every
Debian and Ubuntu base system.
"""

from __future__ import annotations

import io
import lzma
import tarfile
from pathlib import Path

AR_MAGIC = b"!<arch>\n"
AR_HEADER_SIZE = 60


Member = tuple[str, int, bytes]  # name, modification time, content


def ar_members(archive: bytes) -> list[Member]:
    """The (name, time, content) members of a Unix ``ar`` archive, as dpkg-deb writes them."""
    if not archive.startswith(AR_MAGIC):
        raise ValueError("not an ar archive (a .deb starts with !<arch>)")
    members, offset = [], len(AR_MAGIC)
    while offset < len(archive):
        header = archive[offset : offset + AR_HEADER_SIZE]
        name = header[:16].decode().strip().rstrip("/")
        mtime, size = int(header[16:28]), int(header[48:58])
        start = offset + AR_HEADER_SIZE
        members.append((name, mtime, archive[start : start + size]))
        offset = start + size + size % 2  # members are aligned to even offsets
    return members


def ar_archive(members: list[Member]) -> bytes:
    """An ``ar`` archive of the members (mode 0644, owner root, as dpkg-deb writes them)."""
    parts = [AR_MAGIC]
    for name, mtime, content in members:
        header = f"{name:<16}{mtime:<12}{0:<6}{0:<6}{'100644':<8}{len(content):<10}`\n"
        parts += [header.encode(), content, b"\n" * (len(content) % 2)]
    return b"".join(parts)


def without_folders(deb: Path, folders: tuple[str, ...] = ("./opt",)) -> None:
    """Rewrite ``deb`` in place with the entries for ``folders`` taken out of its data.tar.xz."""
    members = ar_members(deb.read_bytes())
    names = [name for name, _, _ in members]
    if names[:2] != ["debian-binary", "control.tar.xz"] or names[2:] != ["data.tar.xz"]:
        raise ValueError(f"{deb.name}: unexpected members {names} (build with dpkg-deb -Zxz)")
    name, mtime, data = members[2]
    rewritten = lzma.compress(_tar_without(lzma.decompress(data), folders), preset=6)
    deb.write_bytes(ar_archive([*members[:2], (name, mtime, rewritten)]))


def _tar_without(data: bytes, folders: tuple[str, ...]) -> bytes:
    written = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data), mode="r:") as source,
        tarfile.open(fileobj=written, mode="w:", format=tarfile.GNU_FORMAT) as target,
    ):
        for member in source:
            if member.isdir() and member.name.rstrip("/") in folders:
                continue
            target.addfile(member, source.extractfile(member) if member.isreg() else None)
    return written.getvalue()

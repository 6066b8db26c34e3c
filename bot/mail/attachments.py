"""Which attachments go along with the posted thread. Executables, S/MIME signatures and tiny
inline signature images are dropped (and listed); ``winmail.dat`` (TNEF) is unpacked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from bot.mail.parse import RawPart

_EXECUTABLE_EXTENSIONS = frozenset(
    [
        ".exe",
        ".com",
        ".bat",
        ".cmd",
        ".scr",
        ".pif",
        ".msi",
        ".msp",
        ".dll",
        ".cpl",
        ".js",
        ".jse",
        ".vbs",
        ".vbe",
        ".wsf",
        ".wsh",
        ".ps1",
        ".psm1",
        ".jar",
        ".hta",
        ".lnk",
        ".reg",
        ".sh",
        ".app",
        ".apk",
        ".iso",
        ".img",
        ".vhd",
        ".docm",
        ".xlsm",
        ".pptm",
    ]
)
_EXECUTABLE_TYPES = frozenset(
    {
        "application/x-msdownload",
        "application/x-dosexec",
        "application/x-msdos-program",
        "application/x-executable",
        "application/vnd.microsoft.portable-executable",
        "application/x-sh",
        "application/java-archive",
        "application/hta",
    }
)
_SIGNATURE_TYPES = frozenset(
    {"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"}
)
_TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
_REPORT_TYPES = frozenset(
    {"message/delivery-status", "message/disposition-notification", "text/rfc822-headers"}
)
SMALL_INLINE_IMAGE = 20_000


@dataclass(frozen=True, slots=True)
class KeptFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class AttachmentResult:
    kept: list[KeptFile] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (filename, reason)


def _unpack_tnef(data: bytes) -> list[RawPart] | None:
    try:
        import tnefparse

        tnef = tnefparse.TNEF(data)
        found: list[RawPart] = []
        for item in tnef.attachments:
            name = item.long_filename() or item.name or "bijlage"
            if isinstance(name, bytes):
                name = name.decode("utf-8", errors="replace")
            found.append(RawPart(str(name), "application/octet-stream", bytes(item.data)))
        return found
    except Exception:  # not parsable: the caller lists it as dropped
        return None


def select_attachments(parts: list[RawPart], *, depth: int = 0) -> AttachmentResult:
    result = AttachmentResult()
    for part in parts:
        name = part.filename or "(zonder naam)"
        suffix = PurePosixPath(name.lower()).suffix
        ctype = part.content_type.lower()
        if ctype in _REPORT_TYPES:
            continue
        if ctype in _TNEF_TYPES or name.lower() == "winmail.dat":
            inner = _unpack_tnef(part.data) if depth < 2 else None
            if inner:
                nested = select_attachments(inner, depth=depth + 1)
                result.kept.extend(nested.kept)
                result.dropped.extend(nested.dropped)
                result.dropped.append((name, "winmail"))
            else:
                result.dropped.append((name, "winmail_empty" if inner == [] else "winmail"))
            continue
        if ctype in _SIGNATURE_TYPES or name.lower() in ("smime.p7s", "signature.asc"):
            result.dropped.append((name, "signature"))
            continue
        if suffix in _EXECUTABLE_EXTENSIONS or ctype in _EXECUTABLE_TYPES:
            result.dropped.append((name, "executable"))
            continue
        if part.inline and ctype.startswith("image/") and len(part.data) < SMALL_INLINE_IMAGE:
            result.dropped.append((name, "inline_image"))
            continue
        result.kept.append(KeptFile(name, part.content_type, part.data))
    return result

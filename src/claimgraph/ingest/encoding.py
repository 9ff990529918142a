"""Bytes to text: UTF-8 first, a byte-order mark when there is one, else the encoding
that charset-normalizer finds. Short texts often fit several single-byte code pages
equally well ("Caf\\xe9" reads as well in cp1006 as in cp1252); among the readings
that tie on charset-normalizer's mess ratio the commonest code page of news text wins."""

from __future__ import annotations

import codecs

from claimgraph.errors import BinaryInput, EncodingError

# code pages in the order news archives use them; the first that ties on the mess wins
COMMON = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r",
          "cp1256", "iso8859_6", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255",
          "iso8859_8", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
TIE = 0.01  # mess ratios this close count as equal
MAX_MESS = 0.2  # a reading messier than this is no reading


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was read with."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.removesuffix("-sig")
            except UnicodeDecodeError as exc:
                raise EncodingError(f"not valid {name} after its byte-order mark "
                                    f"(byte {exc.start})", source=source) from exc
    if b"\x00" in data[:8192]:
        raise BinaryInput("file looks binary (NUL bytes), not text", source=source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    found = detect(data)
    if found is None:
        raise EncodingError(f"not valid UTF-8 (byte {first_bad}) and no other encoding "
                            "reads it as text", source=source)
    return data.decode(found), found


def detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    found = [m for m in from_bytes(data) if m.chaos <= MAX_MESS]
    if not found:
        return None
    least = min(m.chaos for m in found)
    # a match stands for every encoding that reads the bytes the same way
    tied = {codecs.lookup(name).name for m in found if m.chaos <= least + TIE
            for name in (m.encoding, *m.could_be_from_charset)}
    for name in COMMON:
        if codecs.lookup(name).name in tied:
            return codecs.lookup(name).name
    return codecs.lookup(min(found, key=lambda m: m.chaos).encoding).name

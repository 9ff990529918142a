"""A fuzz run of the whole ingest (a real `claimgraph ingest` process): hundreds of
generated hostile inputs, in more than fifteen kinds, mixed with valid articles. Every
hostile input ends as a named failure or a stored document, every valid article is
stored, nothing prints a traceback or hangs, and the process stays under 1 GB."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from claimgraph.cli_common import CONTROL
from claimgraph.store import models as m
from claimgraph.store.db import Store

SEED = int(os.environ.get("CLAIMGRAPH_FUZZ_SEED", "20261202"))
RECORD_LIMIT, FILE_LIMIT = 300_000, 400_000
PEOPLE = ["Somali clan militias", "the Sudanese army", "Mali's junta", "Kenyan police",
          "the Houthis", "Ethiopian federal forces", "Chadian rebels", "the Tatmadaw",
          "Qatar", "Turkey", "the African Union", "Hezbollah", "Iran", "Rwanda"]
VERBS = ["attacked", "accused", "met", "armed", "funded", "condemned", "hosted",
         "arrested", "shelled", "thanked"]


@dataclass
class Corpus:
    """What was written: hostile inputs by kind (each a source key, and whether it must
    fail, must be stored, or may do either), and the ids of the valid articles."""

    root: Path
    rng: random.Random
    hostile: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    valid: list[str] = field(default_factory=list)
    n: int = 0

    def sentence(self) -> str:
        self.n += 1
        a, b = self.rng.sample(PEOPLE, 2)
        return f"{a} {self.rng.choice(VERBS)} {b} on day {self.n}."

    def article(self) -> dict[str, str]:
        self.n += 1
        doc_id = f"valid-{self.n}"
        self.valid.append(doc_id)
        return {"id": doc_id, "text": " ".join(self.sentence() for _ in range(2))}

    def add(self, kind: str, key: str, expect: str = "either") -> None:
        self.hostile.setdefault(kind, []).append((key, expect))


# ------------------------------------------------------------------ records
def _records(c: Corpus) -> Iterator[tuple[str, bytes, str]]:
    """(kind, one JSONL line, expectation) for hostile records."""
    r = c.rng
    for _ in range(32):
        s = c.sentence()
        cut = r.randrange(len(s))
        yield "surrogate", json.dumps({"text": s[:cut] + "\ud800" + s[cut:]}).encode(), "store"
        s = c.sentence()  # another text: a NUL and a surrogate both become U+FFFD
        cut = r.randrange(len(s))
        yield "nul", json.dumps({"text": s[:cut] + "\x00" * r.randint(1, 3) + s[cut:]}
                                ).encode(), "store"
        depth = r.choice([101, 500, 5000, 100_000])
        yield "deep", (b"[" * depth + b"]" * depth), "fail"
        digits = r.randint(4301, 20_000)
        yield "bigint", b'{"text": "x", "n": ' + b"9" * digits + b"}", "fail"
        good = json.dumps({"text": c.sentence()})
        yield "badjson", good[:r.randrange(1, len(good) - 1)].encode(), "fail"
        yield "notobject", json.dumps(r.choice([[c.sentence()], c.sentence(), 7, None, True])
                                      ).encode(), "fail"
        yield "notext", json.dumps(r.choice([{"title": c.sentence()}, {"text": 12},
                                             {"text": [c.sentence()]}, {"text": "  \n "},
                                             {"html": {"a": 1}}])).encode(), "fail"
        yield "badmeta", json.dumps({"text": c.sentence(), **r.choice([
            {"published": "the day after the war"}, {"url": 5}, {"outlet": ["x"]},
            {"title": {"t": 1}}])}).encode(), "fail"
        yield "badutf8", b'{"text": "' + c.sentence().encode() + bytes([r.choice(
            [0xff, 0xc3, 0xed, 0x80])]) + b'"}', "fail"
        noise = "".join(chr(r.choice([0x1b, 0x07, 0x202e, 0x200b, 0x0301, 0xfeff, 0x85,
                                      0x2028, 0x0b, 0x7f])) for _ in range(6))
        yield "control", json.dumps({"text": noise + c.sentence() + noise}).encode(), "store"
        nest = r.choice([10, 300, 3000])
        page = ("<div>" * nest + f"<p>{c.sentence()}</p><script>alert(1)</script>"
                + "</div>" * r.choice([0, nest]))
        yield "html", json.dumps({"html": page}).encode(), "either"
        junk = "".join(chr(r.randrange(0x20, 0x2FFF)) for _ in range(r.randint(1, 400)))
        yield "garbage", json.dumps({"text": junk + f" {c.n}"}).encode(), "either"
        yield "injection", json.dumps({"id": r.choice(["../../etc/passwd", "a/b?c#d",
                                                       "<img src=x onerror=1>", "' OR 1=1--",
                                                       "%s%n{0}"]) + str(c.n),
                                       "title": "[red]<b>x</b>[/red]",
                                       "text": f"{c.sentence()} <script>1</script> '); "
                                               "DROP TABLE documents; --"}).encode(), "store"
    for _ in range(3):
        yield "manylines", json.dumps({"text": "\n".join(
            r.choice(["Yes", "No", c.sentence()]) for _ in range(8000)) + f" {c.n}"}
            ).encode(), "store"
    for _ in range(8):
        size = RECORD_LIMIT + r.randint(1, 200_000)
        yield "oversize", json.dumps({"text": "w " * (size // 2)}).encode(), "fail"


def _write_jsonl(c: Corpus) -> None:
    """Hostile records spread over a few files, a valid article between every few."""
    files = [c.root / f"feed-{k}.jsonl" for k in range(4)]
    lines: list[list[bytes]] = [[] for _ in files]
    for kind, line, expect in _records(c):
        k = c.rng.randrange(len(files))
        if c.rng.random() < 0.2:
            lines[k].append(json.dumps(c.article()).encode())
        lines[k].append(line)
        c.add(kind, f"{files[k]}:{len(lines[k])}", expect)
    for path, body in zip(files, lines, strict=True):
        path.write_bytes(b"\n".join(body) + b"\n")


# -------------------------------------------------------------------- files
def _gzip_files(c: Corpus) -> None:
    r = c.rng
    for k in range(12):
        body = gzip.compress("".join(json.dumps({"text": c.sentence()}) + "\n"
                                     for _ in range(20)).encode())
        data = bytearray(body)
        if k % 2:
            data = data[:r.randrange(10, len(data) - 8)]  # cut short
        else:
            for _ in range(3):  # bytes flipped inside the stream (the CRC catches it)
                data[r.randrange(10, len(data) - 8)] ^= 0xFF
        path = c.root / f"broken-{k}.jsonl.gz"
        path.write_bytes(bytes(data))
        c.add("gzip", str(path))
    bomb = c.root / "bomb.jsonl.gz"  # one 1 GiB line in about 1 MB
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(bomb, "wb") as fh:
        fh.write(z.compress(b'{"text": "'))
        chunk = b"a" * (1 << 24)
        for _ in range(64):
            fh.write(z.compress(chunk))
        fh.write(z.compress(b'"}\n') + z.flush())
    c.add("gzip", str(bomb), "fail")
    with gzip.open(c.root / "good.jsonl.gz", "wt", encoding="utf-8") as fh:
        for _ in range(5):
            fh.write(json.dumps(c.article()) + "\n")
    (c.root / "notes.txt.gz").write_bytes(gzip.compress(b"not json lines"))
    c.add("gzip", str(c.root / "notes.txt.gz"), "fail")


def _parquet(rows: Sequence[Mapping[str, object]]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buf, row_group_size=8)
    return buf.getvalue()


def _parquet_files(c: Corpus) -> None:
    r = c.rng
    for k in range(12):
        data = bytearray(_parquet([{"text": c.sentence()} for _ in range(30)]))
        footer = int.from_bytes(data[-8:-4], "little") + 8  # keep the footer readable
        for _ in range(4):
            data[r.randrange(4, len(data) - footer)] ^= r.randrange(1, 256)
        path = c.root / f"pages-{k}.parquet"
        path.write_bytes(bytes(data))
        c.add("parquet", str(path))
    wrong: list[list[dict[str, object]]] = [[{"body": "x"}], [{"text": 5}], [{"text": None}]]
    for k, rows in enumerate(wrong):
        path = c.root / f"schema-{k}.parquet"
        path.write_bytes(_parquet(rows))
        c.add("parquet", str(path), "fail")
    (c.root / "cut.parquet").write_bytes(_parquet([{"text": c.sentence()}])[:-20])
    c.add("parquet", str(c.root / "cut.parquet"), "fail")
    (c.root / "good.parquet").write_bytes(_parquet([c.article() for _ in range(5)]))


def _csv_files(c: Corpus) -> None:
    bodies = {
        "header-only.csv": b"id,text\n",
        "no-text.csv": b"id,body\n1,hello\n",
        "latin1.csv": "id,text\n1,Bogot\xe1 police\n".encode("latin-1"),
        "quotes.csv": b'id,text\n1,"never closed\n',
        "nul.csv": b"id,text\n1,a\x00b\n",
        "wide.csv": b"id,text\n1," + b"v" * (RECORD_LIMIT + 10) + b"\n",
    }
    for name, body in bodies.items():
        (c.root / name).write_bytes(body)
        c.add("csv", str(c.root / name))
    good = c.root / "good.csv"
    good.write_text("id,text\n" + "".join(f'{a["id"]},"{a["text"]}"\n' for a in
                                          (c.article() for _ in range(4))), "utf-8")


def _plain_files(c: Corpus) -> None:
    r = c.rng
    for ext in (".txt", ".md", ".html", ".jsonl", ".jsonl.gz", ".csv", ".parquet"):
        path = c.root / f"empty{ext}"
        path.write_bytes(b"")
        c.add("empty", str(path), "fail")
    for k in range(15):
        path = c.root / f"binary-{k}{r.choice(['.txt', '.md', '.html'])}"
        path.write_bytes(bytes(r.randrange(256) for _ in range(r.randint(1, 3000))))
        c.add("binary", str(path))
    for k in range(5):
        path = c.root / f"huge-{k}.txt"
        path.write_bytes(b"z " * (FILE_LIMIT // 2 + r.randint(1, 1000)))
        c.add("oversize", str(path), "fail")
    for k, name in enumerate(["esc\x1b[31mred", "bell\x07", "new\nline", "tab\tname",
                              "rtl\u202eevil", "日本語"]):
        path = c.root / f"{name}-{k}.txt"
        path.write_text(c.sentence(), "utf-8")
        c.add("names", str(path), "store")
    for k in range(5):
        page = c.root / f"page-{k}.html"
        page.write_text("<html><head><title><script>x</script></title></head><body>"
                        f"<p onclick=alert(1)>{c.sentence()}</p></body>", "utf-8")
        c.add("htmlfile", str(page))
    for k in range(3):
        (c.root / f"valid-{k}.txt").write_text(c.article()["text"], "utf-8")
        c.valid[-1] = f"valid-{k}.txt"


def _special_files(c: Corpus) -> None:
    links = {"zero.txt": "/dev/zero", "random.md": "/dev/urandom", "null.jsonl": "/dev/null",
             "gone.txt": str(c.root / "nowhere.txt")}
    for name, target in links.items():
        os.symlink(target, c.root / name)
        c.add("special", str(c.root / name), "fail")
    os.symlink(c.root / "loop-b.txt", c.root / "loop-a.txt")
    os.symlink(c.root / "loop-a.txt", c.root / "loop-b.txt")
    for name in ("loop-a.txt", "loop-b.txt"):
        c.add("special", str(c.root / name), "fail")
    for k in range(3):
        os.mkfifo(c.root / f"fifo-{k}.jsonl")
        c.add("special", str(c.root / f"fifo-{k}.jsonl"), "fail")
    shut = c.root / "shut"
    shut.mkdir()
    (shut / "inside.txt").write_text(c.sentence(), "utf-8")
    (c.root / "locked.txt").write_text(c.sentence(), "utf-8")
    c.add("unreadable", str(shut))
    c.add("unreadable", str(c.root / "locked.txt"))


def build(root: Path, seed: int) -> Corpus:
    root.mkdir()
    c = Corpus(root, random.Random(seed))
    for part in (_write_jsonl, _gzip_files, _parquet_files, _csv_files, _plain_files,
                 _special_files):
        part(c)
    return c


# --------------------------------------------------------------------- the run
MEASURED = ("import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:], timeout=170)\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(f'PEAK_KB={peak}', file=sys.stderr)\n"
            "sys.exit(done.returncode)\n")


def _outcomes(db: str) -> tuple[set[str], set[str], set[str]]:
    store = Store(db)
    with store.session() as s:
        sources = set(s.scalars(select(m.Document.source)))
        ids = set(s.scalars(select(m.Document.id)))
    return {f.input for f in store.failures()}, sources, ids


def _ended(key: str, expect: str, failed: set[str], stored: set[str]) -> bool:
    """Whether an input ended as it must: a named failure (of it, or of its file for a
    record of a file that broke), or stored (it, or for a file any record of it)."""
    file = key.rsplit(":", 1)[0] if key[-1:].isdigit() and ":" in key else key
    is_failed = key in failed or any(f.startswith(key + "/") or f.startswith(key + ":")
                                     for f in failed)
    is_stored = key in stored or any(s.startswith((key + ":", key + "/")) for s in stored)
    if not is_failed and file != key:
        is_failed = file in failed  # the record's file broke before it
    return {"fail": is_failed, "store": is_stored}.get(expect, is_failed or is_stored)


@pytest.mark.sqlite_only("hostile text stored on PostgreSQL (NUL, surrogates, control "
                        "characters): test_ingest_hostile.py")
def test_fuzzed_inputs_are_each_named_or_stored(tmp_path: Path,
                                                new_db: Callable[[str], str]) -> None:
    corpus = build(tmp_path / "in", SEED)
    kinds = {k: len(v) for k, v in corpus.hostile.items()}
    assert len(kinds) >= 15 and sum(kinds.values()) >= 500, kinds
    db = new_db("fuzz")
    env = {**os.environ, "CLAIMGRAPH_MAX_RECORD_BYTES": str(RECORD_LIMIT),
           "CLAIMGRAPH_MAX_FILE_BYTES": str(FILE_LIMIT)}
    os.chmod(tmp_path / "in" / "shut", 0)
    os.chmod(tmp_path / "in" / "locked.txt", 0)
    try:
        run = subprocess.run([sys.executable, "-c", MEASURED, sys.executable, "-m",
                              "claimgraph", "ingest", str(tmp_path / "in"), "--db", db],
                             capture_output=True, text=True, env=env, timeout=175,
                             check=False)
    finally:
        os.chmod(tmp_path / "in" / "shut", 0o755)
        os.chmod(tmp_path / "in" / "locked.txt", 0o644)
    out = run.stdout + run.stderr
    assert run.returncode in (0, 1), out[-3000:]
    assert "Traceback" not in out and "\x1b" not in out, out[-3000:]
    peak_kb = int(out.rsplit("PEAK_KB=", 1)[1].split()[0])
    assert peak_kb < 1_000_000, f"peak RSS {peak_kb} kB (seed {SEED})"
    failed, stored, ids = _outcomes(db)
    wrong = [(kind, key, expect) for kind, items in corpus.hostile.items()
             for key, expect in items if not _ended(key, expect, failed, stored)]
    assert not wrong, f"seed {SEED}: {wrong[:10]}"
    assert set(corpus.valid) <= ids, f"seed {SEED}: lost {set(corpus.valid) - ids}"
    for source in failed:  # and each failure was printed as it was met, with a reason
        shown = CONTROL.sub("?", source)
        assert f"failed {shown}" in out.replace("\n", " ") or "\n" in source, source

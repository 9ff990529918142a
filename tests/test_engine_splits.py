"""The same corpus gives the same store however it is read: a random corpus ingested in
one run, in random pieces (--limit), with the ingest killed between batches and
resumed, and in another order, gives byte-identical claims and actors exports. The
corpus repeats people by surname, acronyms defined in one article and used bare in
another, and syndicated copies: what made runs disagree before."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.store.db import Store
from tests.conftest import kill_after, stored_count

SEED = int(os.environ.get("CLAIMGRAPH_SPLIT_SEED", "1202"))
runner = CliRunner()
PEOPLE = [("Ashton Carter", "Carter"), ("Amina Mohammed", "Mohammed"),
          ("Abdel Fattah al-Burhan", "Burhan"), ("Moussa Faki", "Faki"),
          ("Hassan Sheikh Mohamud", "Mohamud"), ("Min Aung Hlaing", "Hlaing")]
GROUPS = [("the Harbor Liberation Front", "HLF"), ("the Rapid Support Forces", "RSF"),
          ("the Allied Democratic Forces", "ADF"), ("the Arakan Army", "AA")]
STATES = ["Sudan", "Kenya", "Iran", "Turkey", "Qatar", "Rwanda", "Chad", "Egypt"]
PLACES = ["Khartoum", "Mogadishu", "Goma", "Nairobi", "Doha", "El Fasher"]
OUTLETS = ["Harbor Digest", "Meridian Post", "Kellburg Daily Wire"]


def _article(rng: random.Random, n: int) -> dict[str, str]:
    (full, last), (group, acr) = rng.choice(PEOPLE), rng.choice(GROUPS)
    a, b = rng.sample(STATES, 2)
    place = rng.choice(PLACES)
    lines = [rng.choice([
        f"{full} met officials of {b} in {place} on Monday.",
        f"{group} ({acr}) accused {a} of shelling {place}.",
        f"{a} is supplying weapons to {group}, officials said.",
        f"{full} said {a} had funded {group} for years.",
    ])]
    for _ in range(rng.randint(2, 4)):
        lines.append(rng.choice([
            f"{last} denied that {b} had armed the {acr}.",
            f"The {acr} attacked a convoy near {place} on day {n}.",
            f"{b} condemned the attack, according to {rng.choice(OUTLETS)}.",
            f"{last} told reporters that {a} would host talks with {b}.",
            f"{acr} fighters clashed with the army of {b}.",
            f"{a} and {b} signed a security agreement in {place}.",
        ]))
    return {"id": f"art-{n:03d}", "outlet": rng.choice(OUTLETS),
            "published": f"2031-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "text": "\n\n".join(lines)}


def corpus(seed: int, n: int = 36) -> list[dict[str, str]]:
    rng = random.Random(seed)
    arts = [_article(rng, k) for k in range(n)]
    for k in rng.sample(range(n), 4):  # syndicated: another outlet's copy, with a tail
        src = arts[k]
        arts.append({**src, "id": f"copy-{k:03d}", "outlet": rng.choice(OUTLETS),
                     "text": src["text"] + "\n\nThis report was first published elsewhere."})
    return arts


def _write(path: Path, arts: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in arts), "utf-8")
    return path


def _exports(db: str, tmp: Path) -> tuple[bytes, bytes]:
    out = []
    for what in ("claims", "actors"):
        target = tmp / f"{what}-{abs(hash(db))}.jsonl"
        res = runner.invoke(app, ["export", what, "--db", db, "-o", str(target)])
        assert res.exit_code == 0, res.output
        out.append(target.read_bytes())
    return out[0], out[1]


def _ingest(feed: Path, db: str, *extra: str) -> None:
    res = runner.invoke(app, ["ingest", str(feed), "--db", db, *extra])
    assert res.exit_code == 0, res.output


def _documents(db: str) -> int:
    return stored_count(Store(db))


def _killed(feed: Path, arts: list[dict[str, str]], db: str, targets: list[int]) -> None:
    """Kill a real ingest with SIGKILL once it has stored each target count, resuming
    each time; then let it finish."""
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(feed), "--db", db]
    Store(db).migrate()
    stored = list(kill_after(cmd, db, targets))
    assert stored[-1] < len(arts), f"the kills came too late: {stored}"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr


def test_one_run_pieces_kills_and_order_give_the_same_exports(
        tmp_path: Path, new_db: Callable[[str], str]) -> None:
    rng = random.Random(SEED)
    arts = corpus(SEED)
    feed = _write(tmp_path / "feed.jsonl", arts)
    whole = new_db("whole")
    _ingest(feed, whole)
    assert _documents(whole) == len(arts)
    claims, actors = _exports(whole, tmp_path)
    assert claims.count(b"\n") > 20 and b'"merged_into": "' in actors  # a surname joined

    pieces = new_db("pieces")
    limits = sorted(rng.sample(range(1, len(arts)), 3))
    for limit in limits:  # --limit counts from the start: each run takes the next part
        _ingest(feed, pieces, "--limit", str(limit))
        assert _documents(pieces) == limit
    _ingest(feed, pieces)
    assert _exports(pieces, tmp_path) == (claims, actors), f"seed {SEED}, limits {limits}"

    killed = new_db("killed")
    _killed(feed, arts, killed, [1, 17])  # a batch is 16 articles: killed inside each of two
    assert _exports(killed, tmp_path) == (claims, actors), f"seed {SEED}"

    shuffled = new_db("shuffled")
    order = arts[:]
    rng.shuffle(order)
    _ingest(_write(tmp_path / "shuffled.jsonl", order), shuffled)
    assert _exports(shuffled, tmp_path) == (claims, actors), f"seed {SEED}"

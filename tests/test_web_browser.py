"""The workbench in a real browser: Playwright driving Debian's chromium against
`claimgraph serve` on a free loopback port, over the demo corpus."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.store.pgtemp import free_port
from tests.conftest import copy_demo, settle

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(demo_db: str, new_db: Callable[[str], str]) -> Iterator[str]:
    db = copy_demo(demo_db, new_db)  # its own copy: the tests curate it
    settle(db)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "claimgraph", "serve", "--db", str(db),
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/api/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError("the server did not start: " + proc.stdout.read().decode()
                             if proc.stdout else "")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture()
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        # bypass_csp: the page must be safe by escaping alone; the CSP header is a second
        # line of defence (tests/test_api.py checks it), and it would stop Playwright's probes
        pg = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs
        pg.goto(server + "/")
        pg.wait_for_function("window.cg && window.cg.ready === true", timeout=30000)
        yield pg
        browser.close()


def click_edge(page: Any, claim_id: str) -> None:
    """Click a claim's line on the canvas, as a person would: at a point of the drawn
    curve, near its middle, where no other line crosses it, once the view stands still
    (the chart may still be moving or zooming to fit when the page says it is ready).
    A click that selects nothing, because the view moved under it, is made again."""
    page.evaluate("window.cg.network.stopSimulation()")
    seen = []
    for _ in range(3):
        page.mouse.move(1, 1)  # off the chart: no hover tooltip over the line
        steady(page)
        x, y = edge_point(page, claim_id)
        page.mouse.click(x, y)
        try:
            page.wait_for_function("(id) => window.cg.network.getSelectedEdges().includes(id)",
                                   arg=claim_id, timeout=3000)
            return
        except Exception:  # Playwright's timeout: click again
            seen.append((round(x), round(y), page.evaluate(
                "() => [window.cg.network.getSelectedEdges(), window.cg.network.getSelectedNodes(),"
                " document.elementFromPoint(arguments[0], arguments[1])?.tagName]"
                .replace("arguments[0]", str(x)).replace("arguments[1]", str(y)))))
    raise AssertionError(f"three clicks on the line of {claim_id} did not select it: {seen}")


def steady(page: Any) -> None:
    """Wait until the chart's scale, view and node positions hold for 150 ms."""
    probe = """() => { const n = window.cg.network;
        return JSON.stringify([n.getScale(), n.getViewPosition(), n.getPositions()]); }"""
    last = page.evaluate(probe)
    for _ in range(60):
        page.wait_for_timeout(150)
        now = page.evaluate(probe)
        if now == last:
            return
        last = now


def edge_point(page: Any, claim_id: str) -> tuple[float, float]:
    point = page.evaluate("""(id) => {
        const net = window.cg.network;
        const box = document.querySelector('#chart canvas').getBoundingClientRect();
        for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
            const dom = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
            if (net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined) {
                return {x: box.left + dom.x, y: box.top + dom.y};
            }
        }
        return null;
    }""", claim_id)
    assert point is not None, f"no free point on the line of {claim_id}"
    return point["x"], point["y"]


def api(server: str, path: str) -> Any:
    import json

    with urllib.request.urlopen(server + path) as res:
        return json.loads(res.read())


def test_page_loads_and_charts_the_demo_actors(page: Any, server: str) -> None:
    network = api(server, "/api/network")
    shown = page.evaluate("window.cg.nodes.getIds()")
    assert sorted(shown) == sorted(n["id"] for n in network["nodes"])
    listed = page.locator("#actor-list button").all_inner_texts()
    for name in ("Harbor Liberation Front", "Ashvale Brigades", "Veloria", "Ostravia"):
        assert name in listed
    assert page.locator("#chart canvas").count() == 1
    status = page.locator("#status").inner_text()
    assert f"{len(network['edges'])} of {network['total_edges']} claims" in status


def test_clicking_an_edge_shows_its_evidence_and_chain(page: Any, server: str) -> None:
    claims = api(server, "/api/claims?limit=500&type=AID&mode=weapons&min_origins=1")["items"]
    target = next(c for c in claims if c["subject"]["name"] == "Ashvale Brigades"
                  and c["polarity"] == "asserted")
    click_edge(page, target["id"])
    title = page.locator("#claim-title")
    title.wait_for(timeout=10000)
    # in words (data/words.yaml), with the code beside it for analysts
    assert title.inner_text() == "Ashvale Brigades arms Northern Sons Coastal Province (weapons)"
    assert page.locator("#claim-code").inner_text().startswith("AID/weapons · asserted")
    link = page.locator("#evidence .doc-link").first
    doc = api(server, "/api/documents/" + link.get_attribute("data-doc"))
    cited = [doc["title"] or doc["id"], doc["outlet"], doc["published"]]
    assert doc["outlet"] and doc["published"]  # the demo's documents have both
    assert link.inner_text() == " · ".join(x for x in cited if x)
    assert "Circular reporting" in page.locator("#circular-banner").inner_text()
    chains = page.locator("#evidence .chain").all_inner_texts()
    assert chains and all(c.startswith("chain: ") and "→" in c for c in chains)
    assert page.locator("#evidence .origin h3").first.inner_text().startswith(
        "Origin: memo of Piet Larsen")
    assert "Denied" in page.locator("#evidence .denial").first.inner_text()


def test_a_hostile_document_runs_no_script(page: Any, server: str) -> None:
    claims = api(server, "/api/claims?limit=500&document=wire-2031-0320-hostile")["items"]
    click_edge(page, claims[0]["id"])
    page.locator("#claim-title").wait_for(timeout=10000)
    page.locator('.doc-link[data-doc="wire-2031-0320-hostile"]').first.click()
    page.locator("#doctext").wait_for(timeout=10000)
    assert "<img src=x onerror=alert(1)>" in page.locator("#doctext").inner_text()
    assert page.locator("#doctext img").count() == 0
    assert page.locator("#doc-title").inner_text() == "<script>alert('x')</script>"
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.evaluate("document.scripts.length") == 2


def test_curation_persists_and_can_be_undone(page: Any, server: str) -> None:
    claim = api(server, "/api/claims?limit=500&type=COERCE")["items"][0]
    click_edge(page, claim["id"])
    page.locator("#claim-title").wait_for(timeout=10000)
    page.locator("#reject").click()
    page.wait_for_function("document.querySelector('#status').textContent.includes('reject')")
    page.reload()
    page.wait_for_function("window.cg && window.cg.ready === true", timeout=30000)
    assert api(server, f"/api/claims/{claim['id']}")["curation"]["status"] == "rejected"
    # a rejected claim is hidden until the legend asks for it, then drawn struck out
    assert page.evaluate("(id) => window.cg.edges.get(id).hidden", claim["id"]) is True
    page.locator("#show-rejected").check()
    shown = page.evaluate("(id) => window.cg.edges.get(id)", claim["id"])
    assert shown["hidden"] is False and shown["label"].startswith("✕ rejected: ")
    assert shown["color"]["color"] == "#a9b1b6"
    click_edge(page, claim["id"])
    page.locator("#claim-title").wait_for(timeout=10000)
    assert "rejected by a curator" in page.locator("#evidence").inner_text()
    page.locator("#tabs button[data-tab=audit]").click()
    page.locator("#audit .undo").first.click()
    page.wait_for_function("document.querySelector('#status').textContent.includes('recorded')")
    assert api(server, f"/api/claims/{claim['id']}")["curation"]["status"] is None


def test_a_page_on_another_port_cannot_change_the_workbench(page: Any, server: str) -> None:
    """The analyst has the workbench open; a page from another loopback port tries a
    no-cors fetch and a plain form post: neither records anything."""
    import http.server
    import threading

    claim = api(server, "/api/claims?limit=1")["items"][0]["id"]
    before = api(server, "/api/judgements")["total"]
    target = f"{server}/api/claims/{claim}/reject"
    html = (f"<html><body><form id='f' method='post' action='{target}'>"
            "<input name='who' value='x'></form><script>"
            f"fetch('{target}', {{method: 'POST', mode: 'no-cors', body: '{{}}',"
            " headers: {'Content-Type': 'text/plain'}}).finally(() => "
            "{ document.title = 'sent'; document.getElementById('f').submit(); });"
            "</script></body></html>").encode()

    class Attacker(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the standard library calls it by this name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: Any) -> None:
            pass

    evil = http.server.HTTPServer(("127.0.0.1", free_port()), Attacker)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{evil.server_address[1]}/")  # same browser session
        page.wait_for_load_state("networkidle")
        time.sleep(1)
        assert api(server, "/api/judgements")["total"] == before
    finally:
        evil.shutdown()


def test_tooltips_say_the_claim_in_words_and_the_layout_is_the_same_at_each_load(
        page: Any, server: str) -> None:
    claims = api(server, "/api/network")["edges"]
    denied = next(c for c in claims if c["polarity"] == "denied")
    tip = page.evaluate("(id) => window.cg.edges.get(id).title", denied["id"])
    assert tip.startswith(denied["subject"]["name"] + " denies "), tip
    assert "independent origin" in tip and "credibility " + str(denied["credibility"]) in tip
    steady(page)
    before = page.evaluate("window.cg.network.getPositions()")
    page.reload()
    page.wait_for_function("window.cg && window.cg.ready === true", timeout=30000)
    steady(page)
    after = page.evaluate("window.cg.network.getPositions()")
    assert before.keys() == after.keys()
    for k in before:
        assert abs(before[k]["x"] - after[k]["x"]) < 1 and abs(before[k]["y"] - after[k]["y"]) < 1

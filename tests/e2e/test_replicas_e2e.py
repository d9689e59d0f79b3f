"""Test in Chromium that two replicas behind nginx (deploy/) keep each browser on one replica:
two students train on different replicas, and a download works through the proxy."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from deploy.run_replicas import NGINX, start_cluster
from tests.browser import _free_port, assert_no_exception, wait_idle

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which(NGINX) is None, reason="nginx is not installed"),
]
STATUS = re.compile(r"Status: .* step \d+")  # the live panel's status line (English)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two replicas of the app and nginx in front, on free loopback ports."""
    ports = [_free_port(), _free_port()]
    c = start_cluster(port=_free_port(), ports=ports, prefix=tmp_path_factory.mktemp("nginx"))
    yield c
    c.stop()


def _routed(response) -> str | None:
    """The replica the proxy routed a request to: the first of nginx's $upstream_addr list (a
    reused keep-alive connection that the replica had closed makes nginx retry, and the list then
    names the retry's replica too)."""
    raw = response.headers.get("x-upstream")
    return raw.split(",")[0].strip() if raw else None


def _open_on_new_replica(browser, url: str, taken: set[str]):
    """A new browser (context) whose routing cookie sends it to a replica not in `taken`."""
    for _ in range(12):  # the first key is random: each try lands on either replica
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        # a cheap first request sets the routing cookie (the context shares the cookie jar)
        upstream = _routed(ctx.request.get(f"{url}/_stcore/health"))
        if upstream and upstream not in taken:
            page = ctx.new_page()
            page.set_default_timeout(30_000)
            assert _routed(page.goto(f"{url}/playground")) == upstream
            return ctx, page, upstream
        ctx.close()
    raise AssertionError("no browser was routed to a second replica in 12 tries")


def _steps(page) -> int:
    text = page.get_by_text(STATUS).first.inner_text()
    return int(text.split("step")[1].split()[0])


def _route(ctx) -> str:
    return next(c["value"] for c in ctx.cookies() if c["name"] == "stroute")


def test_two_students_train_on_two_replicas_and_download(browser, cluster):
    """Test that two browsers train on different replicas (the proxy's header and its log of
    each websocket agree), each stays on its replica, and the weights download works."""
    students = []
    for _ in range(2):
        ctx, page, upstream = _open_on_new_replica(browser, cluster.url, {s[2] for s in students})
        page.get_by_text(STATUS).first.wait_for()
        wait_idle(page)
        page.get_by_role("button", name="Start").click()
        students.append((ctx, page, upstream))
    time.sleep(2)
    for _, page, upstream in students:
        page.get_by_role("button", name="Pause").click()
        wait_idle(page)
        assert _steps(page) > 0
        assert_no_exception(page)
        again = page.request.get(f"{cluster.url}/_stcore/health")  # same cookie, same replica
        assert _routed(again) == upstream
    ctx, page, _ = students[0]
    page.get_by_text("Export the trained network").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download weights").click()
    saved = Path(info.value.path())
    assert info.value.suggested_filename == "playground_state_dict.pt"
    assert saved.stat().st_size > 100
    assert saved.read_bytes()[:2] == b"PK"  # torch.save writes a zip archive
    routes = {_route(c): up for c, _, up in students}
    for c, _, _ in students:
        c.close()  # nginx logs a websocket when it closes
    time.sleep(1)
    log = cluster.access_log.read_text()
    for route, upstream in routes.items():
        ws = [ln for ln in log.splitlines() if "/_stcore/stream" in ln and f"route={route}" in ln]
        assert ws and all(f"upstream={upstream}" in ln for ln in ws)
    assert len(set(routes.values())) == 2

"""A lightweight Streamlit client: one browser tab's websocket traffic, without the browser.

It speaks the frontend's protocol with Streamlit's own protobuf classes: it connects to
`/_stcore/stream`, sends `rerun_script` BackMsgs (query string, page name, then the page's script
hash), reads ForwardMsgs, clicks buttons by widget key (a rerun whose widget state carries the
button's trigger value) and, like the frontend's `setInterval`, sends a fragment rerun
(`fragment_id`, `is_auto_rerun`) every `interval` seconds for each `auto_rerun` message, until the
next full run starts (`new_session`).
"""

from __future__ import annotations

import asyncio
import re
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
TEXT_FIELDS = ("markdown", "text", "progress", "alert", "code")
WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(.+)$")  # "$$ID-<hash>-<user key>"


def status_pattern(root: Path = ROOT) -> re.Pattern[str]:
    """The live panel's English status line ("... step {step} ...") as a regex with a step group."""
    live = tomllib.loads((root / "assets/i18n/en.toml").read_text(encoding="utf-8"))["live"]
    parts = re.split(r"(\{\w+\})", live["status"])
    rx = "".join(
        "(?P<step>\\d+)" if p == "{step}" else ".*?" if p.startswith("{") else re.escape(p)
        for p in parts
    )
    return re.compile(rx)


@dataclass
class StudentLog:
    """What one client saw: update times (a new training step on screen), errors, load time."""

    updates: list[float] = field(default_factory=list)  # monotonic times
    steps: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    load_s: float | None = None
    upstream: str | None = None  # X-Upstream header of the page (behind the deploy/ proxy)


class StreamlitClient:
    """One simulated browser tab on one page of a Streamlit app."""

    def __init__(self, base_url: str, page: str, query: str = "", status_rx=None) -> None:
        self.base = base_url.rstrip("/")
        self.page, self.query = page, query
        self.rx = status_rx or status_pattern()
        self.log = StudentLog()
        self.ws: ClientConnection | None = None
        self.page_hash = ""
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.timers: list[tuple[str, asyncio.Task]] = []  # (fragment id, its interval task)
        self.finished = asyncio.Event()  # set when a full run finishes
        self.cookie = ""
        self._reader: asyncio.Task | None = None
        self._last_step = -1

    # -- connection -------------------------------------------------------------------------
    def _get_page(self) -> None:
        """GET the page's HTML (as a browser does first); keep the proxy's routing cookie."""
        req = urllib.request.Request(f"{self.base}/{self.page}")
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()
            cookies = r.headers.get_all("Set-Cookie") or []
            self.cookie = "; ".join(c.split(";", 1)[0] for c in cookies)
            self.log.upstream = r.headers.get("X-Upstream")

    async def open(self, timeout_s: float = 60.0) -> float:
        """Load the page like a new tab: HTML, websocket, first full run. Returns seconds taken."""
        t0 = time.monotonic()
        await asyncio.to_thread(self._get_page)
        ws_url = "ws" + self.base[4:] + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            compression=None,
            open_timeout=timeout_s,
            ping_interval=None,
            proxy=None,
        )
        self._reader = asyncio.create_task(self._read())
        self.finished.clear()
        await self.rerun()
        await asyncio.wait_for(self.finished.wait(), timeout_s)
        self.log.load_s = time.monotonic() - t0
        return self.log.load_s

    async def close(self) -> None:
        """Stop the timers and close the websocket."""
        for _, task in self.timers:
            task.cancel()
        self.timers.clear()
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()

    # -- sending ----------------------------------------------------------------------------
    async def rerun(self, trigger_key: str | None = None, fragment_id: str = "") -> None:
        """Send a rerun_script BackMsg (optionally a button click or a fragment auto-rerun)."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        if self.page_hash:
            cs.page_script_hash = self.page_hash
        else:
            cs.page_name = self.page
        cs.context_info.locale = "en-US"
        cs.context_info.timezone = "UTC"
        cs.context_info.url = f"{self.base}/{self.page}"
        if trigger_key is not None:
            w = cs.widget_states.widgets.add()
            w.id, w.trigger_value = self.widgets[trigger_key], True
        if fragment_id:
            cs.fragment_id, cs.is_auto_rerun = fragment_id, True
        await self.ws.send(msg.SerializeToString())

    async def click(self, key: str, timeout_s: float = 60.0) -> None:
        """Press the button with this widget key and wait for that run to finish."""
        if key not in self.widgets:
            raise KeyError(f"no widget {key!r} on {self.page}")
        self.finished.clear()
        await self.rerun(trigger_key=key)
        await asyncio.wait_for(self.finished.wait(), timeout_s)

    async def _every(self, fragment_id: str, interval: float) -> None:
        while True:  # cancelled by the next full run, a stop_auto_rerun or close()
            await asyncio.sleep(interval)
            await self.rerun(fragment_id=fragment_id)

    # -- receiving --------------------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a dropped connection is an error the student saw
            self.log.errors.append(f"connection: {exc!r}")
        finally:
            self.finished.set()

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":  # the page this run shows (st.navigation apps)
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":  # the app wrote the URL: the browser keeps it
            self.query = msg.page_info_changed.query_string
        elif kind == "new_session" and not msg.metadata.run.fragment_ids:
            for _, task in self.timers:  # a full run: the frontend clears its intervals
                task.cancel()
            self.timers.clear()
        elif kind == "auto_rerun":  # the frontend adds one setInterval per message
            fid, every = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            if fid:
                self.timers.append((fid, asyncio.create_task(self._every(fid, every))))
        elif kind == "stop_auto_rerun":
            stop = set(msg.stop_auto_rerun.fragment_ids)
            for fid, task in self.timers:
                if fid in stop:
                    task.cancel()
            self.timers = [(f, t) for f, t in self.timers if f not in stop]
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self.log.errors.append("script compile error")
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                self.finished.set()  # a full run ended (not one cut short for a rerun)

    def _element(self, el) -> None:
        etype = el.WhichOneof("type")
        if etype == "exception":
            self.log.errors.append(f"exception: {el.exception.type}: {el.exception.message}")
            return
        if etype in ("button", "download_button"):
            wid = getattr(el, etype).id
            m = WIDGET_ID.match(wid)
            if m:
                self.widgets[m[1]] = wid
            return
        if etype in TEXT_FIELDS:
            body = getattr(el, etype)
            text = getattr(body, "body", "") or getattr(body, "text", "")
            m = self.rx.search(text)
            if m and int(m["step"]) != self._last_step:
                self._last_step = int(m["step"])
                self.log.updates.append(time.monotonic())
                self.log.steps.append(self._last_step)

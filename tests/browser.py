"""Headless Chromium driven over the Chrome DevTools Protocol, for testing the HTML export.

The browser is Debian's ``chromium`` (or ``$ARGMAP_CHROMIUM``); it is started
with a port the system picks (``--remote-debugging-port=0``) and a fresh
profile, and spoken to over one WebSocket. Each page is a target attached
with its own session. Console messages, uncaught exceptions and security
errors (a Content-Security-Policy refusal) of each page are collected, so a
test can insist there were none.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

__all__ = ["Browser", "Page", "find_chromium", "start_browser"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The browser to test with: ``$ARGMAP_CHROMIUM``, or the first one on the PATH."""
    chosen = os.environ.get("ARGMAP_CHROMIUM")
    if chosen:
        return chosen
    return next((path for name in _CANDIDATES if (path := shutil.which(name))), None)


def start_browser() -> Browser:
    """A browser for a test module: skipped without Chromium, except in CI, where that fails."""
    import pytest

    executable = find_chromium()
    if executable is None:
        reason = "no Chromium found (install Debian's chromium, or set ARGMAP_CHROMIUM)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must test the HTML export in a browser")
        pytest.skip(reason)
    return Browser(executable)


class Browser:
    """One headless browser process and its DevTools connection."""

    def __init__(self, executable: str, width: int = 1280, height: int = 800) -> None:
        from websockets.sync.client import connect

        self._profile = tempfile.TemporaryDirectory(
            prefix="argmap-chromium-", ignore_cleanup_errors=True
        )
        self._process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",  # CI runs as root, where the sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port, path = self._endpoint(Path(self._profile.name) / "DevToolsActivePort")
        self._closing = ExitStack()
        self._socket = self._closing.enter_context(
            connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=30)
        )
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.size = (width, height)

    def _endpoint(self, file: Path) -> tuple[str, str]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the browser exited at start ({self._process.returncode})")
            lines = file.read_text().split("\n") if file.exists() else []
            if len(lines) >= 2 and lines[1]:
                return lines[0], lines[1]
            time.sleep(0.05)
        raise RuntimeError("the browser did not open its DevTools port within 60 s")

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events on the way are kept."""
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._socket.send(json.dumps(message))
        while True:
            answer = json.loads(self._socket.recv(timeout=60))
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self.events.append(answer)

    def pump(self, seconds: float) -> None:
        """Collect the events that arrive within ``seconds``."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                answer = json.loads(self._socket.recv(timeout=left))
            except TimeoutError:
                return
            if "method" in answer:
                self.events.append(answer)

    def new_page(self) -> Page:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Log"):
            page.call(f"{domain}.enable")
        width, height = self.size
        page.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        return page

    def close(self) -> None:
        try:
            self._closing.close()
        finally:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._remove_profile()

    def _remove_profile(self) -> None:
        """Chromium's helper processes may write to the profile a moment after it exits."""
        folder = Path(self._profile.name)
        for _ in range(50):
            self._profile.cleanup()
            if not folder.exists():
                return
            time.sleep(0.1)


class Page:
    """One tab: navigate, evaluate script, click and type as a user would."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.call(method, self.session, **params)

    def open(self, path: Path, ready: str, timeout: float = 30) -> None:
        """Load a file and wait until ``ready`` (a script expression) is true."""
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + timeout
        check = f"(() => {{ try {{ return !!({ready}); }} catch (e) {{ return false; }} }})()"
        while not self.evaluate(check):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path.name}: {ready} was not true within {timeout} s")
            time.sleep(0.05)

    def evaluate(self, expression: str, *, wait: bool = False) -> Any:
        """The value of a script expression (``wait``: of the promise it returns)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=wait
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A left click at a point of the viewport, with real mouse events."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type(self, text: str) -> None:
        """Text typed into the focused field."""
        self.call("Input.insertText", text=text)

    def press(self, key: str, code: int, *, shift: bool = False) -> None:
        """A key pressed and released; keys that type a character type it (Enter too)."""
        text = "\r" if key == "Enter" else key if len(key) == 1 else None
        for kind in ("keyDown" if text else "rawKeyDown", "keyUp"):
            params: dict[str, Any] = {
                "type": kind,
                "key": key,
                "windowsVirtualKeyCode": code,
                "nativeVirtualKeyCode": code,
                "modifiers": 8 if shift else 0,
            }
            if text and kind == "keyDown":
                params["text"] = text
            self.call("Input.dispatchKeyEvent", **params)

    def emulate(self, width: int, height: int, *, phone: bool = False, scale: int = 0) -> None:
        """A screen of this size; ``phone``: a mobile viewport with a touch screen.

        ``scale`` is device pixels per CSS pixel (by default 3 on a phone, as most have).
        """
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=scale or (3 if phone else 1),
            mobile=phone,
        )
        self.call("Emulation.setTouchEmulationEnabled", enabled=phone, maxTouchPoints=5)

    def touch(self, kind: str, points: list[tuple[float, float]]) -> None:
        """One touch event (``touchStart``, ``touchMove``, ``touchEnd``) with these fingers."""
        fingers = [{"x": x, "y": y, "id": n} for n, (x, y) in enumerate(points)]
        self.call("Input.dispatchTouchEvent", type=kind, touchPoints=fingers)

    def tap(self, x: float, y: float) -> None:
        self.touch("touchStart", [(x, y)])
        self.touch("touchEnd", [])

    def pdf(self) -> bytes:
        """The page printed to PDF, as the browser's print would (print styles, beforeprint)."""
        return base64.b64decode(self.call("Page.printToPDF", printBackground=False)["data"])

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser-reported errors of this page."""
        self.browser.pump(0.2)
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(json.dumps(params.get("args"))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def close(self) -> None:
        self.browser.call("Target.closeTarget", targetId=self.target)

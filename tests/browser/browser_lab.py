"""JupyterLab in a real browser: a private server and the steps a reader takes.

The browser tests of JupyterLab share this module: :class:`LabServer` (a
JupyterLab process on 127.0.0.1 with a free port, a random token and a copy of
``notebooks/``), the menu steps (open a notebook, Run All), the checks that a
run was clean (:func:`problems_on_page`), and readers of the widgets' DOM
contracts. The fixtures ``lab`` and ``lab_page`` are in ``conftest.py``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from helpers.course import NOTEBOOK_DIR

RUN_TIMEOUT_MS = 240_000  # one notebook, Run All to the last cell done (they take seconds)
START_TIMEOUT_S = 90  # the server answering /api/status
SETTINGS = {
    # no "news" pop-up, no update check: nothing leaves the machine
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # every cell stays in the DOM, so the checks see all outputs
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # the copies of the notebooks are never written back
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# --------------------------------------------------------------------------- server

#: On Linux the server gets SIGTERM if the test process dies without cleaning up
#: (killed, not just failed): prctl(PR_SET_PDEATHSIG) survives the exec into
#: JupyterLab, and the server shuts its kernels down on SIGTERM.
LINUX_DIE_WITH_PARENT = (
    [
        sys.executable,
        "-c",
        "import ctypes, os, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGTERM); "
        "os.execv(sys.argv[1], sys.argv[1:])",
    ]
    if sys.platform.startswith("linux")
    else []
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(root: Path):
    """Serve the folder ``root`` on 127.0.0.1 (a free port) while the block runs; yield its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server process that this test module owns."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.root = workdir / "root"
        shutil.copytree(
            NOTEBOOK_DIR,
            self.root / "notebooks",
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.py"),
        )
        settings = workdir / "settings"
        for name, value in SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{self.port}"
        self.cleanups: list[threading.Thread] = []
        env = dict(
            os.environ,
            JUPYTER_CONFIG_DIR=str(workdir / "config"),
            JUPYTER_DATA_DIR=str(workdir / "data"),
            JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
            IPYTHONDIR=str(workdir / "ipython"),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        command = [
            *LINUX_DIE_WITH_PARENT,
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
            # window.jupyterapp: the tests read the notebook model (execution counts)
            "--LabApp.expose_app_in_browser=True",
        ]
        self.log_path = workdir / "server.log"
        self._log = open(self.log_path, "w")  # closed in stop()
        self.process = subprocess.Popen(
            command, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_until_up()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.log()}")
            try:
                self.api("GET", "/api/status")
                return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {START_TIMEOUT_S} s:\n{self.log()}")

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            self.base + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def url(self, notebook: str) -> str:
        # ?reset: a clean workspace, so no earlier notebook is reopened (and its kernel started)
        return f"{self.base}/lab/tree/notebooks/{notebook}?reset&token={self.token}"

    def shut_down_kernels(self) -> None:
        """Delete every session and kernel: kernels outlive the page that started them.

        The list is taken now; the deletions (a kernel takes seconds to stop)
        run in the background while the next test starts its own kernel.
        """
        sessions = [s["id"] for s in self.api("GET", "/api/sessions") or []]
        kernels = [k["id"] for k in self.api("GET", "/api/kernels") or []]

        def delete():
            for path in [f"/api/sessions/{i}" for i in sessions] + [
                f"/api/kernels/{i}" for i in kernels
            ]:
                try:
                    self.api("DELETE", path)
                except OSError:
                    pass  # already gone with its session

        thread = threading.Thread(target=delete, daemon=True)
        thread.start()
        self.cleanups.append(thread)

    def stop(self) -> None:
        """Stop the server and every process it started, even if it hangs."""
        import psutil

        for thread in self.cleanups:
            thread.join(timeout=30)
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        if self.process.poll() is None:
            self.process.terminate()  # the server shuts its kernels down on SIGTERM
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for child in children:  # kernels run in their own sessions: kill them by PID
            try:
                child.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(children, timeout=10)
        self._log.close()


# --------------------------------------------------------------------------- JupyterLab steps


def menu(page, top: str, item: str) -> None:
    """Click a menu-bar entry, then an item of its menu (both by exact label)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).first.click()


def open_notebook(lab: LabServer, page, notebook: str) -> None:
    """Open a notebook and wait until its kernel is idle (TOOLING.md: '| Idle')."""
    page.goto(lab.url(notebook))
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=90_000)
    page.get_by_text("| Idle").first.wait_for(timeout=90_000)
    page.wait_for_function(
        """(name) => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            return !!(w && w.context && w.context.path.endsWith(name) && w.sessionContext
                      && w.sessionContext.session && w.sessionContext.session.kernel
                      && w.sessionContext.session.kernel.status === 'idle');
        }""",
        arg=notebook,
        timeout=90_000,
    )


def run_all(page) -> None:
    """Clear every output, Run → Run All Cells, and wait for the last cell to finish."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        """() => [...window.jupyterapp.shell.currentWidget.content.model.cells]
                 .every(c => c.type !== 'code' || c.executionCount === null)"""
    )
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = [...panel.content.model.cells].filter(c => c.type === 'code');
            const running = [...panel.content.widgets]
                .some(w => w.promptNode && w.promptNode.textContent.includes('*'));
            return cells.length > 0 && cells.every(c => c.executionCount !== null) && !running
                && panel.sessionContext.session.kernel.status === 'idle';
        }""",
        timeout=RUN_TIMEOUT_MS,
        polling=250,
    )


PROBLEMS_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const problems = [];
    const cells = [...panel.content.widgets];
    cells.forEach((cell, index) => {
        if (cell.model.type !== 'code') return;
        if (cell.model.executionCount === null) problems.push(`cell ${index}: did not run`);
        for (const out of cell.node.querySelectorAll('.jp-OutputArea-output')) {
            const text = out.innerText || '';
            const mime = out.getAttribute('data-mime-type') || '';
            if (mime === 'application/vnd.jupyter.stderr') {
                problems.push(`cell ${index}: error/stderr output: ${text.slice(0, 300)}`);
            } else if (out.classList.contains('jp-RenderedText') && text.includes('Traceback')) {
                problems.push(`cell ${index}: traceback: ${text.slice(0, 300)}`);
            }
            if (/Error displaying widget|model not found|Error rendering/i.test(text)) {
                problems.push(`cell ${index}: widget failed: ${text.slice(0, 200)}`);
            }
            if (mime === 'text/plain' && /^\\w+\\((children|value|layout)=/.test(text.trim())) {
                problems.push(`cell ${index}: widget not rendered: ${text.slice(0, 80)}`);
            }
            for (const bad of out.querySelectorAll('.jupyter-widgets-error-widget')) {
                // ipywidgets' "Click to show javascript error": a view failed to render
                const what = bad.getAttribute('title') || bad.innerText;
                problems.push(`cell ${index}: a widget view failed (JavaScript error): ${what}`);
            }
            for (const bad of out.querySelectorAll('.course-status-error')) {
                problems.push(`cell ${index}: widget status error: ${bad.innerText}`);
            }
        }
    });
    return problems;
}"""


def problems_on_page(page) -> list[str]:
    return page.evaluate(PROBLEMS_JS)


def open_and_run(lab, page, notebook: str) -> None:
    open_notebook(lab, page, notebook)
    run_all(page)
    problems = problems_on_page(page)
    assert not problems, f"{notebook}:\n" + "\n".join(problems)
    assert not page.outside, f"{notebook} tried to load from outside this machine: {page.outside}"


def notebook_or_skip(name: str) -> str:
    """Skip a widget test only while its notebook has not been written."""
    if not (NOTEBOOK_DIR / name).exists():
        pytest.skip(f"notebooks/{name} does not exist yet")
    return name


# --------------------------------------------------------------------------- reading widgets


def readout(widget, field: str) -> str:
    """The ``data-value`` of a readout span (the widget DOM contract)."""
    return widget.locator(f'[data-field="{field}"]').first.get_attribute("data-value")


def readouts(widget, fields) -> dict[str, str]:
    return {field: readout(widget, field) for field in fields}


def as_number(text: str) -> float:
    return float(text)


PIXELS_JS = """async (element) => {
    let canvas = element;
    if (element.tagName === 'IMG') {  // a picture file: decode it onto a canvas first
        await element.decode();
        canvas = document.createElement('canvas');
        canvas.width = element.naturalWidth;
        canvas.height = element.naturalHeight;
        canvas.getContext('2d').drawImage(element, 0, 0);
    }
    const ctx = canvas.getContext('2d');
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const rgb = new Uint8Array(canvas.width * canvas.height * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
        rgb[j] = rgba[i]; rgb[j + 1] = rgba[i + 1]; rgb[j + 2] = rgba[i + 2];
    }
    let binary = '';
    for (let i = 0; i < rgb.length; i += 0x8000) {
        binary += String.fromCharCode.apply(null, rgb.subarray(i, i + 0x8000));
    }
    return {width: canvas.width, height: canvas.height, rgb: btoa(binary),
            frame: element.dataset.frame || element.src || ''};
}"""


def displayed_pixels(element) -> tuple[np.ndarray, str]:
    """The pixels a <canvas> shows (or an <img> decodes to), and which frame or src it is."""
    data = element.evaluate(PIXELS_JS)
    rgb = np.frombuffer(base64.b64decode(data["rgb"]), dtype=np.uint8)
    return rgb.reshape(data["height"], data["width"], 3), data["frame"]


def as_rgb(pixels: np.ndarray) -> np.ndarray:
    return np.repeat(pixels[:, :, None], 3, axis=2) if pixels.ndim == 2 else pixels


def same_image(shown: np.ndarray, expected: np.ndarray) -> bool:
    """Equal pixels. Up to 0.1 % of them may be off by one level: the kernel and this
    process round the same float sums, and a BLAS thread count can move a value across
    a .5 boundary. A neighbouring rank differs far more (checked in the test)."""
    if shown.shape != expected.shape:
        return False
    diff = np.abs(shown.astype(int) - expected.astype(int))
    return int(diff.max()) <= 1 and np.count_nonzero(diff) <= 0.001 * diff.size


def drag(page, handle, track, fraction: float) -> None:
    """Drag a noUiSlider handle to ``fraction`` of its track, with the mouse."""
    box = handle.bounding_box()
    bar = track.bounding_box()
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(bar["x"] + fraction * bar["width"], y0, steps=12)
    page.mouse.up()


def slider_value(slider) -> str:
    """The value an ipywidgets slider shows in its readout box (ASCII minus sign)."""
    return slider.locator(".widget-readout").first.inner_text().strip().replace("\u2212", "-")


# --------------------------------------------------------------------------- laptop and dark theme

LAPTOP = {"width": 1366, "height": 768}

#: JavaScript shared by the colour checks: ``rgb`` parses a computed colour,
#: ``lum`` is the WCAG relative luminance, ``backgroundOf`` the first opaque
#: background at or above a node (white if none), ``contrast`` the WCAG ratio.
COLOUR_JS = """
    const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const backgroundOf = (start) => {
        for (let node = start; node && node.nodeType === 1; node = node.parentElement) {
            const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length === 3 || (c.length >= 4 && c[3] > 0.5)) return c;
        }
        return [255, 255, 255];
    };
    const contrast = (a, b) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
"""

CONTRAST_JS = (
    "(el) => {"
    + COLOUR_JS
    + """
    const bg = backgroundOf(el);
    return {ratio: contrast(rgb(getComputedStyle(el).color), bg), background: lum(bg)};
}"""
)


def check_fits_a_laptop_and_follows_dark_theme(
    page, container: str, status: str | None = None
) -> None:
    """At 1366×768 the widget fits one screen; in JupyterLab Dark its text stays readable.

    "Fits": the widget's box (controls, picture, status) is no taller and no
    wider than the notebook's visible area. "Readable": the widget's text, its
    status line (``[data-kind]``, or the selector ``status``) and its first
    readout (``[data-field]``), each against the first opaque background
    behind it, have a WCAG contrast of at least 4.5, and that background is
    dark (the widget follows the theme, no white rectangle).
    """
    page.set_viewport_size(LAPTOP)
    widget = page.locator(container).first
    widget.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the layout settles after the resize
    box = widget.bounding_box()
    area = page.locator(".jp-NotebookPanel-notebook").first.bounding_box()
    assert box["height"] <= area["height"], (container, box, area)
    assert box["width"] <= area["width"], (container, box, area)
    page.evaluate(
        "() => window.jupyterapp.commands.execute('apputils:change-theme',"
        " {theme: 'JupyterLab Dark'})"
    )
    page.wait_for_function(
        "() => document.body.dataset.jpThemeName === 'JupyterLab Dark'", timeout=30_000
    )
    page.wait_for_timeout(500)  # the theme's CSS variables apply
    status = status or "[data-kind]"
    for part in (container, f"{container} {status}", f"{container} [data-field]"):
        seen = widget.page.locator(part).first.evaluate(CONTRAST_JS)
        assert seen["ratio"] >= 4.5 and seen["background"] < 0.2, (part, seen)

"""IPython start-up file that turns the course's portability rules into errors.

The guard test (tests/test_course_guards.py) puts this file in a temporary
IPython profile, so it runs inside every notebook's kernel before the first
cell. From then on:

- any warning (DeprecationWarning, RuntimeWarning, UserWarning, ...) raised
  by a cell, by the course's helpers or by the libraries a cell calls raises;
- a network connection to anything but loopback raises (audit hooks on
  ``socket.getaddrinfo`` and ``socket.connect``);
- opening a file for writing outside the allowed folders raises (audit hook
  on ``open``): the temp dir, matplotlib's and IPython's config dirs.

The allowed folders come from the environment variable COURSE_GUARD_WRITABLE
(os.pathsep-separated). Violations are raised as PermissionError, so the cell
fails and nbval reports it.

Warnings become errors when the first cell runs (IPython's ``pre_run_cell``
event), not while this file runs: start-up files run before the kernel starts
its event loop, and on Python 3.12+ tornado's ``asyncio.get_event_loop()``
warns "There is no current event loop" there. That warning is the kernel's,
not the course's; turned into an error it kills every kernel at start.
"""


def _install_course_guards():
    import ipaddress
    import os
    import socket
    import sys
    import warnings

    def warnings_are_errors(*_):
        warnings.resetwarnings()
        warnings.simplefilter("error")
        shell.events.unregister("pre_run_cell", warnings_are_errors)

    shell = get_ipython()  # noqa: F821 (defined in IPython start-up files)
    shell.events.register("pre_run_cell", warnings_are_errors)

    writable = [
        os.path.realpath(p)
        for p in os.environ.get("COURSE_GUARD_WRITABLE", "").split(os.pathsep)
        if p
    ]
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def is_loopback(host) -> bool:
        if host is None:
            return True
        if isinstance(host, bytes):
            host = host.decode()
        if host in ("localhost", "", "ip6-localhost"):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False

    def hook(event, args):
        if event == "socket.getaddrinfo":
            if not is_loopback(args[0]):
                raise PermissionError(f"network access is disabled in the course: {args[0]!r}")
        elif event == "socket.connect":
            sock, address = args
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                if not is_loopback(address[0]):
                    raise PermissionError(f"network access is disabled in the course: {address!r}")
        elif event == "open":
            path, mode, flags = args
            if isinstance(path, int):
                return
            writing = (mode is not None and any(c in mode for c in "wax+")) or (
                mode is None and isinstance(flags, int) and flags & write_flags
            )
            if not writing:
                return
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            real = os.path.realpath(os.path.abspath(path))
            if real.startswith("/dev/") or any(
                real == w or real.startswith(w + os.sep) for w in writable
            ):
                return
            raise PermissionError(f"the course may only write to a temp dir, not {real}")

    sys.addaudithook(hook)


_install_course_guards()
del _install_course_guards

#!/usr/bin/env python3
"""Minimal QEMU guest agent client (JSON over the virtio-serial chardev socket).

Used by test-boot.sh; also handy by hand:

    python3 qga.py SOCKET wait [TIMEOUT]     # wait until guest-ping answers
    python3 qga.py SOCKET ping
    python3 qga.py SOCKET info
    python3 qga.py SOCKET exec CMD [ARG...]  # prints stdout/stderr, exits with CMD's code
    python3 qga.py SOCKET sh 'shell command'

Protocol notes (the same as libvirt's): after connecting, send 0xFF (resets
qemu-ga's JSON parser) and {"execute":"guest-sync","arguments":{"id":N}};
discard everything until the reply {"return":N}. Only then send commands.
Before the agent runs in the guest, QEMU keeps what we send in the socket, so
a sync is re-sent with a fresh id every second until one is answered.
"""
import base64
import json
import random
import socket
import sys
import time


class AgentError(Exception):
    pass


class QGA:
    def __init__(self, path, timeout=60.0):
        self.path = path
        self.sock = None
        self.buf = b""
        self.connect(timeout)

    def connect(self, timeout):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.path)
                self.sock = s
                return
            except OSError as e:  # socket not there yet, or QEMU not listening
                last = e
                s.close()
                time.sleep(0.1)
        raise AgentError(f"cannot connect to {self.path}: {last}")

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None

    def _send(self, obj, raw_prefix=b""):
        try:
            self.sock.sendall(raw_prefix + json.dumps(obj).encode() + b"\n")
        except OSError as e:
            raise AgentError(f"agent socket: {e}") from e

    def _recv(self, timeout):
        """Next JSON object from the agent, or None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            # 0xFF may precede a reply to guest-sync-delimited; strip it
            self.buf = self.buf.lstrip(b"\xff")
            if b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                line = line.strip(b"\xff \r\t")
                if not line:
                    continue
                try:
                    return json.loads(line)
                except ValueError:
                    continue  # garbage from an earlier, interrupted session
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            except OSError as e:  # QEMU went away (guest crashed, powered off)
                raise AgentError(f"agent socket: {e}") from e
            if not chunk:
                raise AgentError("agent socket closed")
            self.buf += chunk

    def sync(self, timeout=60.0, interval=1.0):
        """guest-sync until answered; returns seconds waited."""
        t0 = time.monotonic()
        deadline = t0 + timeout
        ids = set()
        while time.monotonic() < deadline:
            sid = random.randint(1, 2**31 - 1)
            ids.add(sid)
            self._send({"execute": "guest-sync", "arguments": {"id": sid}}, raw_prefix=b"\xff")
            end = min(deadline, time.monotonic() + interval)
            while time.monotonic() < end:
                msg = self._recv(end - time.monotonic())
                if msg is None:
                    break
                if msg.get("return") == sid:
                    return time.monotonic() - t0
                # replies to older syncs / stale commands are discarded
        raise AgentError(f"guest agent did not answer guest-sync within {timeout:.0f}s")

    def cmd(self, execute, arguments=None, timeout=30.0):
        req = {"execute": execute}
        if arguments is not None:
            req["arguments"] = arguments
        self._send(req)
        msg = self._recv(timeout)
        if msg is None:
            raise AgentError(f"{execute}: no reply within {timeout}s")
        if "error" in msg:
            raise AgentError(f"{execute}: {msg['error'].get('class')}: {msg['error'].get('desc')}")
        return msg.get("return")

    def ping(self):
        return self.cmd("guest-ping")

    def exec(self, argv, timeout=60.0, input_data=None):
        """Run argv in the guest; returns (exitcode, stdout, stderr) as str."""
        args = {"path": argv[0], "arg": list(argv[1:]), "capture-output": True}
        if input_data is not None:
            args["input-data"] = base64.b64encode(input_data.encode()).decode()
        pid = self.cmd("guest-exec", args)["pid"]
        deadline = time.monotonic() + timeout
        delay = 0.02
        while True:
            st = self.cmd("guest-exec-status", {"pid": pid})
            if st.get("exited"):
                out = base64.b64decode(st.get("out-data", "")).decode(errors="replace")
                err = base64.b64decode(st.get("err-data", "")).decode(errors="replace")
                code = st.get("exitcode", -(st.get("signal") or 255))
                return code, out, err
            if time.monotonic() > deadline:
                raise AgentError(f"guest-exec {argv!r}: still running after {timeout}s")
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def sh(self, script, timeout=60.0):
        return self.exec(["/bin/sh", "-c", script], timeout=timeout)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, what, rest = argv[1], argv[2], argv[3:]
    timeout = float(rest[0]) if (what == "wait" and rest) else 60.0
    q = QGA(path, timeout=timeout)
    try:
        waited = q.sync(timeout=timeout)
        if what == "wait":
            q.ping()
            print(f"agent ready after {waited:.2f}s")
            return 0
        if what == "ping":
            q.ping()
            print("pong")
            return 0
        if what == "info":
            print(json.dumps(q.cmd("guest-info"), indent=2))
            return 0
        if what in ("exec", "sh"):
            code, out, err = q.exec(rest) if what == "exec" else q.sh(" ".join(rest))
            sys.stdout.write(out)
            sys.stderr.write(err)
            return code
        print(f"unknown command {what}", file=sys.stderr)
        return 2
    finally:
        q.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

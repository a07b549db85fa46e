"""smtp_sink.py - a tiny SMTP server for tests: enough of RFC 5321 for
libcurl (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT). It keeps
every message it accepts, undoing the dot-stuffing of DATA. A recipient
whose address starts with "reject" is refused with 550, so tests can see
a failed delivery. With `credentials=(user, password)` the sink offers
AUTH PLAIN and refuses mail until a client logged in with them. Standard library only (smtpd is gone from Python 3.12).
"""

import re
import socketserver
import threading


class Message:
    def __init__(self, mail_from, rcpt_to, data):
        self.mail_from = mail_from
        self.rcpt_to = rcpt_to
        self.data = data  # bytes, CRLF line ends, dot-stuffing undone

    @property
    def text(self):
        return self.data.decode("utf-8", "replace")

    def header(self, name):
        head = self.text.split("\r\n\r\n", 1)[0]
        unfolded = re.sub(r"\r\n[ \t]", " ", head)
        for line in unfolded.split("\r\n"):
            k, _, v = line.partition(":")
            if k.lower() == name.lower():
                return v.strip()
        return None

    def body_decoded(self):
        """The body, quoted-printable decoded, as text."""
        import quopri
        body = self.data.split(b"\r\n\r\n", 1)[1]
        return quopri.decodestring(body).decode("utf-8")


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def auth_plain(self, arg):
        """AUTH PLAIN with or without the initial response; True when accepted."""
        import base64
        if not arg:
            self.reply("334 ")
            arg = self.rfile.readline(10000).decode("latin-1").strip()
        try:
            _authz, user, password = base64.b64decode(arg).decode("utf-8").split("\0")
        except ValueError:
            return False
        self.server.sink.logins.append((user, password))
        return (user, password) == self.server.sink.credentials

    def handle(self):
        sink = self.server.sink
        self.reply("220 sink.test ESMTP ready")
        mail_from, rcpts = None, []
        authed = sink.credentials is None
        while True:
            line = self.rfile.readline(10000)
            if not line:
                return
            cmd = line.decode("latin-1").rstrip("\r\n")
            verb = cmd[:4].upper()
            sink.commands.append(cmd)
            if verb == "EHLO":
                auth = b"250-AUTH PLAIN\r\n" if sink.credentials else b""
                self.wfile.write(b"250-sink.test\r\n250-8BITMIME\r\n" + auth +
                                 b"250 SIZE 10000000\r\n")
                self.wfile.flush()
            elif verb == "AUTH" and sink.credentials:
                words = cmd.split()
                if len(words) >= 2 and words[1].upper() == "PLAIN" and \
                        self.auth_plain(words[2] if len(words) > 2 else ""):
                    authed = True
                    self.reply("235 2.7.0 authenticated")
                else:
                    self.reply("535 5.7.8 bad credentials")
            elif verb == "MAIL" and not authed:
                self.reply("530 5.7.0 authentication required")
            elif verb == "HELO":
                self.reply("250 sink.test")
            elif verb == "MAIL":
                mail_from, rcpts = cmd[10:].strip().split(" ")[0], []
                self.reply("250 OK")
            elif verb == "RCPT":
                addr = cmd[8:].strip().split(" ")[0].strip("<>")
                if addr.startswith("reject"):
                    self.reply("550 5.1.1 no such user")
                else:
                    rcpts.append(addr)
                    self.reply("250 OK")
            elif verb == "DATA":
                if not rcpts:
                    self.reply("554 no valid recipients")
                    continue
                self.reply("354 end with <CRLF>.<CRLF>")
                lines = []
                while True:
                    d = self.rfile.readline(100000)
                    if not d:
                        return
                    if d == b".\r\n":
                        break
                    if d.startswith(b"."):
                        d = d[1:]
                    lines.append(d)
                with sink.lock:
                    sink.messages.append(Message(mail_from, list(rcpts), b"".join(lines)))
                self.reply("250 OK queued")
            elif verb == "RSET":
                mail_from, rcpts = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, credentials=None):
        self.credentials = credentials
        self.logins = []
        self.messages = []
        self.commands = []
        self.lock = threading.Lock()
        self._srv = _Server(("127.0.0.1", 0), _Handler)
        self._srv.sink = self
        self.port = self._srv.server_address[1]
        self._thread = threading.Thread(target=self._srv.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def take(self):
        """The messages received so far; the list is emptied."""
        with self.lock:
            out, self.messages = self.messages, []
        return out

    def close(self):
        self._srv.shutdown()
        self._srv.server_close()

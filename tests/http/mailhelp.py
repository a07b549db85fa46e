"""mailhelp.py - what the mail tests (test_mail_*.py) share: a test class
whose server sends through its own SMTP sink, and waiting for messages."""

import time

from smtp_sink import SmtpSink

FROM = "werkplaats@example.org"


class WithSink:
    """Mix in before a ServerTestCase: the class's server sends mail
    through cls.sink (--smtp-url on the command line unless
    sink_on_command_line is False), with serve_more as more options."""

    sink_on_command_line = True
    sink_credentials = None
    serve_more = ()

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink(credentials=cls.sink_credentials)
        args = ["--smtp-url", cls.sink.url, "--smtp-from", FROM] if cls.sink_on_command_line else []
        cls.serve_args = args + list(cls.serve_more)
        try:
            super().setUpClass()
        except BaseException:
            cls.sink.close()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.sink.close()


def wait_for(sink, count, timeout=30, settle=2.5):
    """Wait until the sink holds at least count messages; then `settle`
    seconds longer, so that a message too many would show. Returns them
    all (the sink is emptied)."""
    deadline = time.monotonic() + timeout
    while len(sink.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(settle)
    return sink.take()

"""The web server inside one Python process: run_main serves it until a shutdown,
and a later run can start it again (the REPL, `fourd test`)."""
import threading

from fourd.runtime import scheduler
from fourd.runtime.values import Obj
from fourd.web.server import web_server_object

from web_helpers import get


def serve_once(tmp_path):
    (tmp_path / "WebFolder").mkdir(exist_ok=True)
    (tmp_path / "WebFolder" / "index.html").write_text("in process")
    server = web_server_object()
    answers = []

    def entry():
        result = server.start(Obj(HTTPPort=0, IPAddressToListen="127.0.0.1", rootFolder=str(tmp_path / "WebFolder")))
        assert dict.get(result, "success") is True, result
        port = server.setting("HTTPPort")

        def client():
            answers.append(get(port, "/")[2])
            scheduler.request_shutdown(0)
        threading.Thread(target=client, daemon=True).start()

    watchdog = threading.Timer(20, scheduler.request_shutdown, (1,))
    watchdog.start()
    try:
        status = scheduler.run_main(entry)
    finally:
        watchdog.cancel()
    return status, answers, server.running


def test_served_until_shutdown_then_startable_again(tmp_path):
    assert serve_once(tmp_path) == (0, [b"in process"], False)
    assert serve_once(tmp_path) == (0, [b"in process"], False)

#!/usr/bin/env python3
"""Starts moto's server on a free 127.0.0.1 port and prints the port on the first line of stdout.

Runs until its standard input is closed (or it is killed), so a test process that dies takes the server with it.

usage: moto_server.py
"""
import os
import socket
import sys
import threading


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


threading.Thread(target=exit_when_stdin_closes, daemon=True).start()

sock = socket.socket()
sock.bind(("127.0.0.1", 0))
port = sock.getsockname()[1]
sock.close()
print(port, flush=True)

from moto.server import main  # noqa: E402

sys.argv = ["moto_server", "-H", "127.0.0.1", "-p", str(port)]
main()

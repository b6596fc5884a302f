"""Shared by the portal's Python tests (load, shutdown, browser): a free loopback port, a key, and
`informe servir` started and answering /salud, or a clear error when it never does."""
import os
import socket
import subprocess
import time
import urllib.request

RAIZ = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def puerto_libre():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def clave(informe, base, *args):
    """A new portal key (`informe claves crear ARGS`): the last line it prints."""
    out = subprocess.run([informe, 'claves', 'crear', *args, '--base', base], cwd=RAIZ, check=True,
                         capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def arrancar(informe, base, stderr=subprocess.DEVNULL, espera=20):
    """Starts the server on a free port; returns (process, port, url) once /salud answers."""
    puerto = puerto_libre()
    url = f'http://127.0.0.1:{puerto}'
    proceso = subprocess.Popen([informe, 'servir', '--puerto', str(puerto), '--base', base], cwd=RAIZ,
                               stdout=subprocess.DEVNULL, stderr=stderr)
    limite = time.monotonic() + espera
    while True:
        try:
            urllib.request.urlopen(url + '/salud', timeout=1)
            return proceso, puerto, url
        except OSError:
            if proceso.poll() is not None or time.monotonic() > limite:
                proceso.kill()
                proceso.wait()
                raise RuntimeError(f'el servidor no respondió en {url}/salud (salió con {proceso.returncode})')
            time.sleep(0.05)

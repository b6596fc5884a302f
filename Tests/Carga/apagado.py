#!/usr/bin/env python3
"""Graceful shutdown of the portal: SIGTERM while an upload is in flight.

Starts `informe servir`, begins an upload whose body arrives slowly, sends SIGTERM in the middle,
then sends the rest. The request must complete (201), the server must exit 0, and the store must be
whole: integrity_check ok and every accepted envío with all of its rows (nothing partial).

    python3 Tests/Carga/apagado.py --informe .build/debug/informe
"""
import argparse
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from servidor import RAIZ, arrancar, clave as crear_clave


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--informe', required=True)
    a = p.parse_args()
    informe = os.path.abspath(a.informe)
    tmp = tempfile.mkdtemp(prefix='informe-apagado-')
    base = os.path.join(tmp, 'a.sqlite')
    fallos = []
    try:
        subprocess.run([informe, 'ejemplo', '--anio', '2017', '--salida', os.path.join(tmp, 'ej')], cwd=RAIZ,
                       check=True, capture_output=True)
        clave = crear_clave(informe, base, '--grupo-tecnico')
        with open(os.path.join(tmp, 'ej', 'EST09_2017.xlsx'), 'rb') as f:
            datos = f.read()
        servidor, puerto, _ = arrancar(informe, base, stderr=subprocess.PIPE)
        c = socket.create_connection(('127.0.0.1', puerto))
        cabecera = (f'POST /api/v1/envios?anio=2017 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {clave}\r\n'
                    f'X-Nombre-Archivo: EST09_2017.xlsx\r\nContent-Type: application/octet-stream\r\n'
                    f'Content-Length: {len(datos)}\r\nConnection: close\r\n\r\n').encode()
        mitad = len(datos) // 2
        c.sendall(cabecera + datos[:mitad])
        time.sleep(0.3)
        servidor.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        c.sendall(datos[mitad:])
        respuesta = b''
        c.settimeout(60)
        while True:
            trozo = c.recv(65536)
            if not trozo:
                break
            respuesta += trozo
        c.close()
        linea = respuesta.split(b'\r\n', 1)[0].decode(errors='replace')
        if ' 201 ' not in linea:
            fallos.append(f'la petición en curso no terminó bien: {linea!r}')
        try:
            codigo = servidor.wait(timeout=30)
        except subprocess.TimeoutExpired:
            servidor.kill()
            codigo = 'no terminó en 30 s'
        if codigo != 0:
            fallos.append(f'el servidor salió con {codigo}: {servidor.stderr.read()[:300]!r}')
        con = sqlite3.connect(base)
        if con.execute('PRAGMA integrity_check').fetchone()[0] != 'ok':
            fallos.append('el almacén no está íntegro')
        tablas = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'datos_%'")]
        for envio_id, filas in con.execute("SELECT id, filas FROM envios WHERE estado = 'aceptado'").fetchall():
            guardadas = sum(con.execute(f'SELECT COUNT(*) FROM "{t}" WHERE envio_id = ?', (envio_id,)).fetchone()[0]
                            for t in tablas)
            if guardadas != filas:
                fallos.append(f'el envío {envio_id} quedó a medias: {guardadas} de {filas} filas')
        if con.execute("SELECT COUNT(*) FROM envios").fetchone()[0] != 1:
            fallos.append('el envío en curso no quedó guardado')
        con.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in fallos:
        print('FALLA: ' + f)
    if not fallos:
        print('Apagado ordenado: la carga en curso terminó (201), el servidor salió con 0 y el almacén está íntegro.')
    return 1 if fallos else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Two `informe servir` processes on one PostgreSQL database, as behind a load balancer.

Starts a real PostgreSQL on loopback, two portal processes on it, and sends distinct versions (the same
content, different bytes) of one instancia's envío to both at once from 8 clients. Checks that every
upload is accepted, that the instancia's versions are 1..N with no gap and no duplicate, and that each
file is stored once; then that a SIGTERM stops both cleanly. Exit 1 on any failure.

    python3 Tests/Carga/dos_servidores.py --informe .build/debug/informe [--versiones 16]
"""
import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

from postgres import Postgres
from servidor import RAIZ, arrancar, clave as crear_clave


def variantes(ruta, n):
    """n packages with the same files and different bytes (each with its own date in the ZIP entries)."""
    if os.path.isdir(ruta):
        archivos = [(f, open(os.path.join(ruta, f), 'rb').read()) for f in sorted(os.listdir(ruta))]
    else:
        with zipfile.ZipFile(ruta) as z:
            archivos = [(i.filename, z.read(i)) for i in z.infolist()]
    salida = []
    for k in range(n):
        b = io.BytesIO()
        with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
            for nombre, datos in archivos:
                z.writestr(zipfile.ZipInfo(nombre, date_time=(2018, 1, 1 + k % 28, k // 28, 0, 0)), datos)
        salida.append(b.getvalue())
    return salida


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--informe', required=True)
    p.add_argument('--versiones', type=int, default=16)
    a = p.parse_args()
    informe = os.path.abspath(a.informe)
    tmp = tempfile.mkdtemp(prefix='informe-dos-')
    fallos = []
    with Postgres() as pg:
        url_base = pg.nueva_base('portal')
        subprocess.run([informe, 'ejemplo', '--anio', '2017', '--salida', os.path.join(tmp, 'ej')], cwd=RAIZ,
                       check=True, capture_output=True)
        ej = os.path.join(tmp, 'ej')
        origen = os.path.join(ej, 'SEP_2017.xlsx')
        nombre = 'SEP_2017.xlsx'
        if not os.path.exists(origen):
            origen, nombre = os.path.join(ej, 'SEP_2017'), 'SEP_2017.zip'
        lista = variantes(origen, a.versiones)
        clave = crear_clave(informe, url_base, '--grupo-tecnico')
        servidores = [arrancar(informe, url_base), arrancar(informe, url_base)]
        estados = []
        cerrojo = threading.Lock()
        try:
            def enviar(k):
                url = servidores[k % 2][2]
                pet = urllib.request.Request(url + '/api/v1/envios?anio=2017', data=lista[k], method='POST',
                                             headers={'Authorization': 'Bearer ' + clave, 'X-Nombre-Archivo': nombre,
                                                      'Content-Type': 'application/octet-stream'})
                try:
                    with urllib.request.urlopen(pet, timeout=120) as r:
                        estado, cuerpo = r.status, r.read()
                except urllib.error.HTTPError as e:
                    estado, cuerpo = e.code, e.read()
                with cerrojo:
                    estados.append(estado)
                    if estado != 201:
                        fallos.append(f'subida {k} al servidor {k % 2 + 1}: {estado} {cuerpo[:200]!r}')

            with ThreadPoolExecutor(8) as ex:
                list(ex.map(enviar, range(len(lista))))
        finally:
            for proceso, _, _ in servidores:
                proceso.terminate()
            for proceso, _, _ in servidores:
                try:
                    proceso.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proceso.kill()
                    fallos.append('un servidor no terminó tras SIGTERM')
        for i, (proceso, _, _) in enumerate(servidores):
            if proceso.returncode != 0:
                fallos.append(f'el servidor {i + 1} salió con {proceso.returncode} tras SIGTERM')
        versiones = [int(v) for v in pg.psql('portal', "SELECT version FROM envios WHERE instancia = 'SEP' "
                                             "ORDER BY version").split()]
        if versiones != list(range(1, len(lista) + 1)):
            fallos.append(f'versiones de SEP con huecos o repetidas: {versiones}')
        distintos = int(pg.psql('portal', 'SELECT COUNT(DISTINCT sha256) FROM envios'))
        if distintos != len(lista):
            fallos.append(f'{distintos} archivos distintos guardados para {len(lista)} subidas distintas')
        parciales = pg.psql('portal', 'SELECT COUNT(*) FROM envios WHERE estado = \'aceptado\' AND filas = 0')
        if int(parciales) != 0:
            fallos.append(f'{parciales.strip()} envíos aceptados sin filas')
    shutil.rmtree(tmp, ignore_errors=True)
    print(f'Dos servidores sobre una base PostgreSQL: {len(estados)} subidas de SEP a la vez, '
          f'versiones 1..{len(lista)} sin huecos ni duplicados.' if not fallos else 'Dos servidores: con fallas.')
    for f in fallos:
        print('FALLA: ' + f)
    return 1 if fallos else 0


if __name__ == '__main__':
    sys.exit(main())

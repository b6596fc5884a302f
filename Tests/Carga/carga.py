#!/usr/bin/env python3
"""Load test of the portal: the 53 sample envíos from 16 concurrent clients, three rounds.

Starts `informe servir` on a free loopback port with a fresh store, sends every sample envío
(.xlsx as is, CSV folders as a .zip) through POST /api/v1/envios with a Grupo Técnico key, 16 at a
time, three times. Checks that no request fails, that the first round answers 201/422 and the
later ones 200 (same bytes), and that the store holds each distinct file exactly once. Prints the
p50/p95 latency and the server's peak RSS. Exit 1 on any failure.

    python3 Tests/Carga/carga.py --informe .build/release/informe [--clientes 16] [--rondas 3]
"""
import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

from servidor import RAIZ, arrancar, clave as crear_clave


def envios(carpeta):
    """(name, bytes) of each sample envío; CSV folders zipped."""
    out = []
    for n in sorted(os.listdir(carpeta)):
        ruta = os.path.join(carpeta, n)
        if n == 'con-errores' or n.startswith('.'):
            continue
        if os.path.isdir(ruta):
            b = io.BytesIO()
            with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
                for f in sorted(os.listdir(ruta)):
                    z.write(os.path.join(ruta, f), f)
            out.append((n + '.zip', b.getvalue()))
        elif n.endswith(('.xlsx', '.csv')):
            with open(ruta, 'rb') as f:
                out.append((n, f.read()))
    return out


def pico_rss_mb(pid):
    try:
        with open(f'/proc/{pid}/status') as f:
            for linea in f:
                if linea.startswith('VmHWM:'):
                    return int(linea.split()[1]) / 1024
    except OSError:
        pass
    return float('nan')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--informe', required=True)
    p.add_argument('--clientes', type=int, default=16)
    p.add_argument('--rondas', type=int, default=3)
    a = p.parse_args()
    informe = os.path.abspath(a.informe)
    tmp = tempfile.mkdtemp(prefix='informe-carga-')
    base = os.path.join(tmp, 'a.sqlite')
    subprocess.run([informe, 'ejemplo', '--anio', '2017', '--salida', os.path.join(tmp, 'ej')], cwd=RAIZ, check=True,
                   capture_output=True)
    clave = crear_clave(informe, base, '--grupo-tecnico')
    lista = envios(os.path.join(tmp, 'ej'))
    servidor, _, url = arrancar(informe, base)
    fallos = []
    latencias = []
    cerrojo = threading.Lock()
    try:
        def enviar(nombre, datos, ronda):
            pet = urllib.request.Request(url + '/api/v1/envios?anio=2017', data=datos, method='POST', headers={
                'Authorization': 'Bearer ' + clave, 'X-Nombre-Archivo': nombre,
                'Content-Type': 'application/octet-stream'})
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(pet, timeout=120) as r:
                    estado, cuerpo = r.status, r.read()
            except urllib.error.HTTPError as e:
                estado, cuerpo = e.code, e.read()
            except OSError as e:
                estado, cuerpo = 0, str(e).encode()
            dt = time.perf_counter() - t0
            esperado = {201, 422} if ronda == 0 else {200}
            with cerrojo:
                latencias.append(dt)
                if estado not in esperado:
                    fallos.append(f'ronda {ronda + 1}, {nombre}: {estado} {cuerpo[:200]!r}')

        for ronda in range(a.rondas):
            orden = list(lista)
            random.Random(ronda).shuffle(orden)
            with ThreadPoolExecutor(a.clientes) as ex:
                list(ex.map(lambda e: enviar(e[0], e[1], ronda), orden))

        pet = urllib.request.Request(url + '/api/v1/envios?anio=2017', headers={'Authorization': 'Bearer ' + clave})
        registros = json.load(urllib.request.urlopen(pet))
        shas = [r['sha256'] for r in registros]
        if len(registros) != len(lista):
            fallos.append(f'el almacén tiene {len(registros)} registros para {len(lista)} archivos distintos')
        if len(set(shas)) != len(shas):
            fallos.append('hay archivos repetidos en el almacén')
        por_instancia = {}
        for r in registros:
            por_instancia.setdefault(r['instancia'], []).append(r['version'])
        for i, v in por_instancia.items():
            if sorted(v) != list(range(1, len(v) + 1)):
                fallos.append(f'versiones de {i} con huecos o repetidas: {sorted(v)}')
        rss = pico_rss_mb(servidor.pid)
    finally:
        servidor.terminate()
        try:
            servidor.wait(timeout=30)
        except subprocess.TimeoutExpired:
            servidor.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    latencias.sort()
    p50 = latencias[len(latencias) // 2] * 1000
    p95 = latencias[int(len(latencias) * 0.95)] * 1000
    print(f'Portal: {len(latencias)} envíos ({len(lista)} archivos × {a.rondas} rondas, {a.clientes} clientes): '
          f'p50 {p50:.0f} ms, p95 {p95:.0f} ms, memoria pico del servidor {rss:.0f} MB.')
    if servidor.returncode not in (0, -15):
        fallos.append(f'el servidor terminó con {servidor.returncode} al recibir SIGTERM')
    for f in fallos:
        print('FALLA: ' + f)
    return 1 if fallos else 0


if __name__ == '__main__':
    sys.exit(main())

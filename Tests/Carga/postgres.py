"""A real PostgreSQL server for the portal's Python tests and the benchmark: Debian's binaries, a data
folder under /tmp, a free loopback port, trust authentication for the user `informe`. As root, the server
runs as Debian's `postgres` user (PostgreSQL refuses root).

    with Postgres() as pg:
        url = pg.nueva_base('carga')   # postgres://informe@127.0.0.1:PUERTO/carga
"""
import glob
import os
import shutil
import subprocess
import tempfile

from servidor import puerto_libre


def binarios():
    candidatos = sorted(glob.glob('/usr/lib/postgresql/*/bin/initdb'), key=lambda p: int(p.split('/')[4]))
    if not candidatos:
        raise RuntimeError('No se encontró PostgreSQL (initdb en /usr/lib/postgresql/*/bin); '
                           '«make test» lo instala (paquete postgresql).')
    return os.path.dirname(candidatos[-1])


class Postgres:
    def __enter__(self):
        self.bin = binarios()
        self.puerto = puerto_libre()
        self.carpeta = tempfile.mkdtemp(prefix='informe-pg-')
        self.datos = os.path.join(self.carpeta, 'datos')
        if os.getuid() == 0:
            shutil.chown(self.carpeta, 'postgres', 'postgres')
        self._servidor(['initdb', '-D', self.datos, '-U', 'informe', '--auth=trust', '-E', 'UTF8',
                        '--locale=C.UTF-8', '--no-sync'])
        self._servidor(['pg_ctl', '-D', self.datos, '-l', os.path.join(self.carpeta, 'servidor.log'), '-w', '-t',
                        '60', '-o', f'-p {self.puerto} -k {self.carpeta} -c listen_addresses=127.0.0.1 '
                        '-c max_connections=200', 'start'])
        return self

    def __exit__(self, *_):
        try:
            self._servidor(['pg_ctl', '-D', self.datos, '-m', 'fast', '-w', 'stop'])
        finally:
            shutil.rmtree(self.carpeta, ignore_errors=True)

    def _servidor(self, args):
        args = [os.path.join(self.bin, args[0])] + args[1:]
        if os.getuid() == 0:
            args = ['runuser', '-u', 'postgres', '--'] + args
        r = subprocess.run(args, cwd='/tmp', capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f'{" ".join(args)} falló: {r.stderr}{r.stdout}')

    def url(self, base):
        return f'postgres://informe@127.0.0.1:{self.puerto}/{base}'

    def nueva_base(self, nombre):
        subprocess.run([os.path.join(self.bin, 'createdb'), '-h', '127.0.0.1', '-p', str(self.puerto), '-U',
                        'informe', nombre], check=True, capture_output=True)
        return self.url(nombre)

    def psql(self, base, sql):
        return subprocess.run([os.path.join(self.bin, 'psql'), '-h', '127.0.0.1', '-p', str(self.puerto), '-U',
                               'informe', '-d', base, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql],
                              check=True, capture_output=True, text=True).stdout

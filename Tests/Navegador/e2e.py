#!/usr/bin/env python3
"""End-to-end test of the portal in a real browser (headless Chromium driven by Selenium).

Starts `informe servir` on a free loopback port with a fresh store and two keys, then, as a person
would: signs in as EST09, uploads a file with errors, sees a finding, downloads the annotated copy,
uploads the corrected file, sends it, and, signed in as the Grupo Técnico, sees version 1 accepted on
the delivery board. With --capturas DIR it also saves every page at 1280 px and 400 px.

    python3 Tests/Navegador/e2e.py --informe .build/debug/informe [--capturas Salidas/capturas]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Carga'))
from servidor import RAIZ, arrancar, clave  # noqa: E402


def navegador(descargas):
    opciones = webdriver.ChromeOptions()
    for a in ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1280,900', '--lang=es-MX']:
        opciones.add_argument(a)
    if shutil.which('chromium'):
        opciones.binary_location = shutil.which('chromium')
    opciones.add_experimental_option('prefs', {'download.default_directory': descargas,
                                               'download.prompt_for_download': False})
    servicio = webdriver.ChromeService(executable_path=shutil.which('chromedriver') or 'chromedriver')
    return webdriver.Chrome(options=opciones, service=servicio)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--informe', required=True)
    p.add_argument('--capturas')
    a = p.parse_args()
    informe = os.path.abspath(a.informe)
    tmp = tempfile.mkdtemp(prefix='informe-e2e-')
    base = os.path.join(tmp, 'a.sqlite')
    descargas = os.path.join(tmp, 'descargas')
    os.makedirs(descargas)
    subprocess.run([informe, 'ejemplo', '--anio', '2017', '--salida', os.path.join(tmp, 'ej')], cwd=RAIZ, check=True,
                   capture_output=True)
    est09 = clave(informe, base, '--instancia', 'EST09')
    gt = clave(informe, base, '--grupo-tecnico')
    servidor, _, url = arrancar(informe, base, stderr=subprocess.PIPE)
    driver = None
    try:
        # The API's description is valid OpenAPI 3.
        import yaml
        from openapi_spec_validator import validate
        validate(yaml.safe_load(urllib.request.urlopen(url + '/api/v1/openapi.yaml').read()))
        driver = navegador(descargas)
        espera = WebDriverWait(driver, 30)

        def captura(nombre):
            if not a.capturas:
                return
            os.makedirs(a.capturas, exist_ok=True)
            for ancho in (1280, 400):
                driver.set_window_size(ancho, 900)
                alto = driver.execute_script('return document.documentElement.scrollHeight')
                driver.set_window_size(ancho, min(max(alto, 600), 4000))
                driver.save_screenshot(os.path.join(a.capturas, f'{nombre}-{ancho}.png'))
            driver.set_window_size(1280, 900)

        def entrar(secreto):
            driver.get(url + '/entrar')
            driver.find_element(By.ID, 'clave').send_keys(secreto)
            driver.find_element(By.CSS_SELECTOR, 'form button[type=submit]').click()

        driver.get(url + '/entrar')
        captura('entrar')
        entrar('clave-equivocada')
        espera.until(EC.presence_of_element_located((By.CSS_SELECTOR, 'p.aviso')))
        assert 'La clave no es válida' in driver.page_source, 'debería rechazar la clave equivocada'
        captura('entrar-error')
        entrar(est09)
        espera.until(EC.presence_of_element_located((By.ID, 'archivo')))
        assert 'Instrumento 2017 de EST09' in driver.page_source
        captura('inicio')

        # A file with errors: a finding with its cell, value and message.
        driver.find_element(By.ID, 'archivo').send_keys(
            os.path.join(tmp, 'ej', 'con-errores', 'EST09_2017_victimas-con-errores.xlsx'))
        driver.find_element(By.CSS_SELECTOR, 'form.subida button[type=submit]').click()
        espera.until(EC.presence_of_element_located((By.CSS_SELECTOR, 'table')))
        html = driver.page_source
        assert 'Hoja Victimas' in html and 'Mujr' in html and '¿Quiso decir «Mujer»?' in html, 'falta el hallazgo'
        assert '>Enviar</button>' not in html, 'un archivo con errores no se puede enviar'
        captura('revision-con-errores')

        # The annotated copy downloads.
        driver.find_element(By.PARTIAL_LINK_TEXT, 'copia revisada').click()
        copia = os.path.join(descargas, 'EST09_2017_victimas-con-errores-revisado.xlsx')
        for _ in range(100):
            if os.path.exists(copia) and os.path.getsize(copia) > 0:
                break
            time.sleep(0.1)
        assert os.path.exists(copia), 'no se descargó la copia revisada'
        with open(copia, 'rb') as f:
            assert f.read(2) == b'PK', 'la copia revisada no es un libro XLSX'

        # The corrected file: no errors, "Enviar", version 1.
        driver.get(url + '/inicio')
        driver.find_element(By.ID, 'archivo').send_keys(os.path.join(tmp, 'ej', 'EST09_2017.xlsx'))
        driver.find_element(By.CSS_SELECTOR, 'form.subida button[type=submit]').click()
        boton = espera.until(EC.element_to_be_clickable((By.XPATH, "//button[normalize-space()='Enviar']")))
        captura('revision-sin-errores')
        boton.click()
        espera.until(EC.text_to_be_present_in_element((By.TAG_NAME, 'main'), 'la versión 1'))
        captura('enviado')
        driver.get(url + '/historial')
        espera.until(EC.presence_of_element_located((By.LINK_TEXT, 'v1')))
        assert 'v1' in driver.page_source and 'aceptado' in driver.page_source
        captura('historial')
        driver.find_element(By.LINK_TEXT, 'v1').click()
        espera.until(EC.presence_of_element_located((By.TAG_NAME, 'h1')))
        captura('envio')
        driver.find_element(By.CSS_SELECTOR, 'form.salir button').click()
        espera.until(EC.presence_of_element_located((By.ID, 'clave')))

        # The Grupo Técnico sees version 1 accepted on the board.
        entrar(gt)
        espera.until(EC.presence_of_element_located((By.XPATH, "//h1[starts-with(., 'Entregas')]")))
        html = driver.page_source
        assert re.search(r'<a href="/envios/EST09/2017/1" class="aceptado">v1 0/0</a>', html), 'EST09 v1 no aparece'
        assert '<b>1</b> de 53 instancias' in html
        captura('entregas')
        driver.get(url + '/construir')
        captura('construir')
        driver.find_element(By.CSS_SELECTOR, 'form.tarjeta button[type=submit]').click()
        for _ in range(120):
            driver.get(url + '/construir')
            if 'Informe Anual 2017 (PDF' in driver.page_source or 'falló' in driver.page_source:
                break
            time.sleep(0.5)
        assert 'Informe Anual 2017 (PDF' in driver.page_source, 'el informe no se construyó'
        captura('construir-terminado')
        driver.get(url + '/no-existe')
        captura('error')
        print('Prueba en navegador: correcta (entrar, revisar con errores, copia revisada, enviar, tablero).')
    finally:
        if driver:
            driver.quit()
        servidor.terminate()
        try:
            servidor.wait(timeout=20)
        except subprocess.TimeoutExpired:
            servidor.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())

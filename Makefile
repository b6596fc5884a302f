# Informe Anual — the two set-up commands are `make informe` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the program and its tests need (C libraries through pkg-config).
DEBS := pkg-config libxml2-dev zlib1g-dev libsqlite3-dev libcairo2-dev libpango1.0-dev fonts-noto-core libhyphen-dev hyphen-es
# What only the tests need: LibreOffice (round trip of the template), qpdf and poppler (PDF checks),
# headless Chromium and its driver (the portal's browser test), a PostgreSQL server (the store tests run
# against SQLite and a real PostgreSQL started on loopback); openpyxl (reads our XLSX back),
# Selenium (drives the browser) and openapi-spec-validator (checks the API's description).
TEST_DEBS := libreoffice-calc-nogui qpdf poppler-utils chromium chromium-driver postgresql
TEST_PIP := openpyxl selenium openapi-spec-validator pyyaml
# Python packages the benchmark compares against.
BENCH_PIP := python-calamine fastexcel openpyxl frictionless

# The release binary carries the Swift runtime and Foundation inside it: linked statically, every
# `informe` process starts about 6 ms sooner (no relocation of a dozen shared libraries), which a
# validation of one envío (~50 ms) feels.
RELEASE := -c release --static-swift-stdlib

.PHONY: deps test-deps build informe test format lint bench clean fuzz

## deps: install the missing Debian packages (apt-get update once, then install).
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Instalando paquetes de Debian:$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build $(RELEASE) --product informe

## informe: install, build and write the sample Informe Anual (and everything around it) to Salidas/.
informe: build
	@mkdir -p Salidas/2017
	@BIN="$$($(SWIFT) build $(RELEASE) --show-bin-path)/informe"; \
	"$$BIN" construir --anio 2017 --base Salidas/informe.sqlite --salida Salidas/2017 || exit 1; \
	"$$BIN" validar --anio 2017 --reporte Salidas/2017/revision Salidas/ejemplo/2017/*_2017* Salidas/ejemplo/2017/con-errores/* > Salidas/2017/validacion.txt; \
	"$$BIN" envios --anio 2017 --base Salidas/informe.sqlite > Salidas/2017/envios.txt; \
	"$$BIN" plantilla --anio 2017 --salida Salidas/2017/Instrumento_2017.xlsx > /dev/null || exit 1; \
	echo "Informe: Salidas/2017/informe-anual-2017.pdf; gráficas, datos abiertos y manifiesto en Salidas/2017/;"; \
	echo "revisión de los envíos en Salidas/2017/revision/ y plantilla en Salidas/2017/Instrumento_2017.xlsx."

test-deps: deps
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v qpdf >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	  || ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	  || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "Instalando paquetes de Debian para las pruebas: $(TEST_DEBS)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(TEST_DEBS); \
	fi
	@python3 -c "import openpyxl, selenium, openapi_spec_validator, yaml" 2>/dev/null || python3 -m pip install -q $(TEST_PIP)

## test: everything the tests need, then the format check, all tests, and the portal in a real
## browser, under load (16 clients) and through a graceful shutdown.
test: test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test
	python3 Tests/Navegador/e2e.py --informe "$$($(SWIFT) build --show-bin-path)/informe"
	python3 Tests/Carga/carga.py --informe "$$($(SWIFT) build --show-bin-path)/informe"
	python3 Tests/Carga/apagado.py --informe "$$($(SWIFT) build --show-bin-path)/informe"
	python3 Tests/Carga/dos_servidores.py --informe "$$($(SWIFT) build --show-bin-path)/informe"

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

## bench: reader against the inflate floor, python-calamine, fastexcel, openpyxl and Python's csv.
bench: deps
	$(SWIFT) build $(RELEASE) --product informe
	python3 -m pip install -q $(BENCH_PIP)
	python3 Tests/Benchmarks/bench.py --informe "$$($(SWIFT) build $(RELEASE) --show-bin-path)/informe"
	python3 Tests/Carga/carga.py --informe "$$($(SWIFT) build $(RELEASE) --show-bin-path)/informe"

clean:
	rm -rf .build Salidas/*

## fuzz: libFuzzer harnesses of the XLSX, CSV and ODS readers and a differential one of the XML scanner
## against libxml2 (Tests/Fuzz), seeded from Tests/Fixtures.
## FUZZ_TIME seconds per harness (default 300), or FUZZ_RUNS executions each; findings go to
## .build-fuzz/hallazgos/ and make the target fail. Each finding becomes a named fixture and a test.
FUZZ_DIR := .build-fuzz
FUZZ_TIME ?= 300
FUZZ_RUNS ?= -1
FUZZ_FORMATS ?= xlsx csv ods xml
fuzz: deps
	@mkdir -p $(FUZZ_DIR)/hallazgos
	@python3 Tests/Fuzz/semillas.py $(FUZZ_DIR)
	@for f in $(FUZZ_FORMATS); do \
	  F=$$(echo $$f | tr a-z A-Z); rm -f $(FUZZ_DIR)/fuzz-$$f; \
	  echo "Compilando el arnés $$f (swiftc -sanitize=fuzzer,address)"; \
	  $(SWIFT)c -O -sanitize=fuzzer,address -parse-as-library -module-name Spreadsheet \
	    -D FUZZING -D FORMAT_$$F -I Sources/CLibXML2 -I Sources/CZlibSystem \
	    $$(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g') \
	    $$(find Sources/Spreadsheet -name '*.swift' | sort) Tests/Fuzz/Harness.swift \
	    -lxml2 -lz -o $(FUZZ_DIR)/fuzz-$$f 2>&1 | grep -v "Cannot export local symbol"; \
	  test -x $(FUZZ_DIR)/fuzz-$$f || exit 1; \
	done
	@for f in $(FUZZ_FORMATS); do \
	  mkdir -p $(FUZZ_DIR)/corpus-$$f; \
	  echo "Ejecutando el arnés $$f"; \
	  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(FUZZ_DIR)/fuzz-$$f \
	    $(FUZZ_DIR)/corpus-$$f $(FUZZ_DIR)/semillas-$$f -dict=Tests/Fuzz/xml.dict \
	    -max_len=65536 -timeout=20 -rss_limit_mb=2048 -max_total_time=$(FUZZ_TIME) -runs=$(FUZZ_RUNS) \
	    -artifact_prefix=$(FUZZ_DIR)/hallazgos/$$f- -print_final_stats=1 2>&1 \
	    | grep -E "^(#[0-9]+ +(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" ; \
	  test "$${PIPESTATUS[0]}" = 0 || exit 1; \
	done
	@echo "Fuzz sin hallazgos: $(FUZZ_FORMATS)."

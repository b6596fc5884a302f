#!/usr/bin/env python3
"""Writes the small hostile fixtures of Tests/Fixtures (deterministic; big ones are made by the tests).

Run from this folder: python3 generar.py
"""
import zipfile

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Victimas" sheetId="1" r:id="rId1"/></sheets></workbook>')


def wb_rels(shared=True):
    rels = ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>')
    if shared:
        rels += ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                 'Target="sharedStrings.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + '</Relationships>')


def sheet(rows_xml, prolog='<?xml version="1.0" encoding="UTF-8"?>'):
    return (prolog + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + rows_xml + '</sheetData></worksheet>')


def sst(strings):
    return ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">' + ''.join(f'<si><t>{s}</t></si>' for s in strings) + '</sst>')


def book(path, sheet_xml, strings=None, declare_shared=None, extra=None):
    if declare_shared is None:
        declare_shared = strings is not None
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in [('[Content_Types].xml', CT), ('_rels/.rels', ROOT_RELS), ('xl/workbook.xml', WB),
                           ('xl/_rels/workbook.xml.rels', wb_rels(declare_shared)),
                           ('xl/worksheets/sheet1.xml', sheet_xml)] + ([('xl/sharedStrings.xml', sst(strings))] if strings else []) + (extra or []):
            info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


GOOD_ROWS = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>34</v></c></row>')

# A valid book: the base of the truncation and fuzz tests.
book('valido.xlsx', sheet(GOOD_ROWS), ['Sexo', 'Edad', 'Mujer'])

# Truncated ZIP: the valid book cut in the middle.
data = open('valido.xlsx', 'rb').read()
open('zip-truncado.xlsx', 'wb').write(data[: len(data) // 2])

# Not a ZIP: a text file someone renamed to .xlsx.
open('no-es-zip.xlsx', 'w').write('Sexo,Edad\nMujer,34\n')

# Billion laughs in the shared strings.
laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + ''.join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
book('billion-laughs.xlsx', sheet(GOOD_ROWS), None, declare_shared=True, extra=[('xl/sharedStrings.xml', laughs)])

# External entity pointing at /etc/passwd, in the worksheet.
xxe = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
            prolog='<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
book('entidad-externa-passwd.xlsx', xxe)

# The workbook declares sharedStrings.xml but the part is missing.
book('sin-sharedstrings.xlsx', sheet(GOOD_ROWS), None, declare_shared=True)

# A shared-string index past the table.
book('indice-cadena-fuera.xlsx', sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>'), ['Sexo'])

# A cell past XFD1048576.
book('celda-fuera-de-limites.xlsx', sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>'))

# A row reaching column XFD (16,384 columns): valid, and must cost nothing.
book('columna-xfd.xlsx', sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>'
                               '<row r="1048576"><c r="B1048576"><v>3</v></c></row>'))

# 100,000 nested elements.
deep = sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace('<sheetData>', '<sheetData>' + '<x>' * 100000 + '</x>' * 100000)
book('anidamiento-profundo.xlsx', deep)

# Invalid UTF-8 inside the worksheet XML.
bad = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Ni\udcf1o</t></is></c></row>')
book('utf8-invalido.xlsx', bad.encode('utf-8', 'surrogateescape'))

# CSV fixtures.
open('cp1252.csv', 'wb').write('Nombre,Entidad\nNiño,Nuevo León\nMaría José,Yucatán\n'.encode('cp1252'))
open('bom.csv', 'wb').write('\ufeffSexo,Edad\nMujer,34\n'.encode('utf-8'))
open('punto-y-coma.csv', 'wb').write('Sexo;Edad;Entidad\nMujer;34;"Ciudad de México; CDMX"\nHombre;17;Jalisco\n'.encode('utf-8'))
open('saltos-entre-comillas.csv', 'wb').write('Folio,Observaciones\nV-1,"Primera línea\nsegunda ""citada"" línea"\nV-2,ok\n'.encode('utf-8'))
open('filas-irregulares.csv', 'wb').write('A,B,C\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n'.encode('utf-8'))
open('byte-nulo.csv', 'wb').write(b'A,B\n1,2\n3,\x004\n')
open('utf8-invalido.csv', 'wb').write(b'Nombre\nNi\xf1o\xff\xfe\n')
open('utf16.csv', 'wb').write('Sexo\tEdad\nMujer\t34\n'.encode('utf-16'))

# --- Reader hardening (issue 16): crashes and amplification on files of a few KB. ---

STYLES_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
               'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
               'Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
               'Target="styles.xml"/></Relationships>')


def styles(num_fmt_ids, custom=None):
    """cellXfs with one xf per numFmtId; custom maps ids >= 164 to format codes."""
    custom = custom or {}
    fmts = ''.join(f'<numFmt numFmtId="{i}" formatCode="{c}"/>' for i, c in custom.items())
    return ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(custom)}">{fmts}</numFmts>' if custom else '')
            + f'<cellXfs count="{len(num_fmt_ids)}">' + ''.join(f'<xf numFmtId="{i}"/>' for i in num_fmt_ids)
            + '</cellXfs></styleSheet>')


def styled_book(path, sheet_xml, styles_xml):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in [('[Content_Types].xml', CT), ('_rels/.rels', ROOT_RELS), ('xl/workbook.xml', WB),
                           ('xl/_rels/workbook.xml.rels', STYLES_RELS), ('xl/styles.xml', styles_xml),
                           ('xl/worksheets/sheet1.xml', sheet_xml)]:
            info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode('utf-8'))


# Style indexes that are negative, signed, huge or not numbers: the default style, never a crash.
styled_book('estilo-negativo.xlsx', sheet(
    '<row r="1"><c r="A1" s="-1"><v>1</v></c><c r="B1" s="-2147483648"><v>2</v></c>'
    '<c r="C1" s="99999999999"><v>3</v></c><c r="D1" s="+1"><v>4</v></c><c r="E1" s="1"><v>5</v></c></row>'),
    styles([0, 14]))

# Huge and negative numbers in duration, time, date and custom date/duration formats.
HUGE = ['1e300', '-1e300', '1.7976931348623157e308', '-1', '4e15', '2958466']
fmts = [46, 21, 14, 22, 45, 47, 164, 165]
cells = ''.join(f'<c r="{chr(65 + j)}{i + 1}" s="{j}"><v>{v}</v></c>' for i, v in enumerate(HUGE) for j in range(len(fmts)))
rows = ''.join(f'<row r="{i + 1}">' + ''.join(f'<c r="{chr(65 + j)}{i + 1}" s="{j}"><v>{v}</v></c>' for j in range(len(fmts)))
               + '</row>' for i, v in enumerate(HUGE))
styled_book('duracion-enorme.xlsx', sheet(rows), styles(fmts, {164: '[h]:mm:ss', 165: 'dd/mm/yyyy hh:mm'}))

# 1,048,577 rows without r= attributes: one past Excel's last row.
unnumbered = '<row><c><v>1</v></c></row>' * 1048577
book('filas-sin-numero.xlsx', sheet(unnumbered))

# Excel for Mac 16: the 1904 date system on workbookPr, followed by mc:AlternateContent and
# xr:revisionPtr; a date-formatted cell (serial 0 = 1904-01-01 + 42,000 days) and a plain one.
MAC_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" '
          'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
          'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
          'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
          'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
          'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">'
          '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="10509"/>'
          '<workbookPr date1904="1" defaultThemeVersion="166925"/>'
          '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
          '<mc:Choice Requires="x15"><x15ac:absPath url="/Users/enlace/Desktop/" '
          'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>'
          '<xr:revisionPtr revIDLastSave="0" documentId="8_{3A1B0C2D-1111-2222-3333-444455556666}" '
          'xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>'
          '<bookViews><workbookView xWindow="0" yWindow="500" windowWidth="28800" windowHeight="16280" '
          'xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews>'
          '<sheets><sheet name="Victimas" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>')
with zipfile.ZipFile('mac-1904.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in [('[Content_Types].xml', CT), ('_rels/.rels', ROOT_RELS), ('xl/workbook.xml', MAC_WB),
                       ('xl/_rels/workbook.xml.rels', STYLES_RELS), ('xl/styles.xml', styles([0, 14])),
                       ('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1" s="1"><v>42000</v></c>'
                                                         '<c r="B1"><v>42000</v></c></row>'))]:
        info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data.encode('utf-8'))

# The same with a copy of workbookPr in mc:Fallback (without date1904): the first one decides.
MAC_FB = MAC_WB.replace('</mc:Choice></mc:AlternateContent>',
                        '</mc:Choice><mc:Fallback><workbookPr defaultThemeVersion="124226"/></mc:Fallback></mc:AlternateContent>')
with zipfile.ZipFile('mac-1904-fallback.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in [('[Content_Types].xml', CT), ('_rels/.rels', ROOT_RELS), ('xl/workbook.xml', MAC_FB),
                       ('xl/_rels/workbook.xml.rels', STYLES_RELS), ('xl/styles.xml', styles([0, 14])),
                       ('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1" s="1"><v>42000</v></c>'
                                                         '<c r="B1"><v>42000</v></c></row>'))]:
        info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data.encode('utf-8'))

# --- OpenDocument spreadsheets (.ods), written as LibreOffice does (mimetype first, stored). ---
ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods(path, tables, prolog='<?xml version="1.0" encoding="UTF-8"?>', mimetype='application/vnd.oasis.opendocument.spreadsheet'):
    body = ''.join(f'<table:table table:name="{n}">{rows}</table:table>' for n, rows in tables)
    content = (prolog + f'<office:document-content {ODS_NS} office:version="1.3"><office:body><office:spreadsheet>'
               + body + '</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo('mimetype', date_time=(2017, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, mimetype)
        for name, data in [('content.xml', content), ('META-INF/manifest.xml', '<?xml version="1.0"?><manifest/>')]:
            info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode('utf-8'))


def c(v, t='string', extra=''):
    if t == 'string':
        return f'<table:table-cell office:value-type="string"{extra}><text:p>{v}</text:p></table:table-cell>'
    if t == 'float':
        return f'<table:table-cell office:value-type="float" office:value="{v}"{extra}><text:p>{v}</text:p></table:table-cell>'
    if t == 'date':
        return f'<table:table-cell office:value-type="date" office:date-value="{v}"{extra}><text:p>x</text:p></table:table-cell>'
    if t == 'time':
        return f'<table:table-cell office:value-type="time" office:time-value="{v}"{extra}><text:p>x</text:p></table:table-cell>'
    if t == 'boolean':
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{v}"{extra}><text:p>x</text:p></table:table-cell>'


def r(cells, extra=''):
    return f'<table:table-row{extra}>{cells}</table:table-row>'


EMPTY = '<table:table-cell/>'
# A valid book: types, repeated empty cells, a two-paragraph text with spaces, empty rows repeated to
# the end of the sheet (as LibreOffice writes them), a second table and a comment that is not a value.
ods('valido.ods', [
    ('Victimas', r(c('Sexo') + c('Edad') + c('Fecha') + c('Hora') + c('Rescatada'))
     + r(c('Mujer') + c('34', 'float') + c('2017-03-05', 'date') + c('PT10H20M30S', 'time') + c('true', 'boolean'))
     + r(EMPTY + '<table:table-cell table:number-columns-repeated="3"/>'
         + '<table:table-cell office:value-type="string"><office:annotation><text:p>nota</text:p></office:annotation>'
         + '<text:p>Ni<text:s text:c="2"/>ño</text:p><text:p>segunda</text:p></table:table-cell>')
     + r('<table:table-cell table:number-columns-repeated="16384"/>', ' table:number-rows-repeated="1048573"')),
    ('Otra', r(c('1.5', 'float', ' table:number-columns-repeated="2"'), ' table:number-rows-repeated="2"')),
])
# A value repeated past the last column, and a row with values repeated past the last row.
ods('ods-columna-fuera.ods', [('Hoja1', r(c('x') + c('y', extra=' table:number-columns-repeated="16384"')))])
ods('ods-fila-fuera.ods', [('Hoja1', r(c('x'), ' table:number-rows-repeated="1048577"'))])
# A small file that asks for 16,384 × 1,048,576 cells with a value: the work budget stops it.
ods('ods-bomba-repeticion.ods', [('Hoja1', r(c('7', 'float', ' table:number-columns-repeated="16384"'),
                                             ' table:number-rows-repeated="1048576"'))])
# A DOCTYPE with entities in content.xml; a wrong mimetype; no content.xml.
ods('ods-doctype.ods', [('Hoja1', r(c('&x;')))],
    prolog='<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY x "y">]>')
ods('ods-mimetype-ajeno.ods', [('Hoja1', r(c('x')))], mimetype='application/vnd.oasis.opendocument.text')
with zipfile.ZipFile('ods-sin-contenido.ods', 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype', date_time=(2017, 1, 1, 0, 0, 0)), 'application/vnd.oasis.opendocument.spreadsheet')

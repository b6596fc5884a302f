#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses from the project's own fixtures.

XLSX seeds are the fixtures re-zipped with every entry *stored* (not deflated), so that libFuzzer's
byte mutations land in the XML itself; a few more seeds cover styles (dates, durations), inline and
shared strings, the 1904 date system and several sheets. CSV seeds are the CSV fixtures; ODS seeds the OpenDocument fixtures, stored the same way.
XML seeds (the differential harness of the XML scanner against libxml2) are the XML parts of those
workbooks, one file each.

    python3 semillas.py DESTINO
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'Fixtures')


def stored_copy(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            out = zipfile.ZipInfo(info.filename, date_time=(2017, 1, 1, 0, 0, 0))
            out.compress_type = zipfile.ZIP_STORED
            zout.writestr(out, data)


NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'


def book(path, sheets, shared=None, styles=None, date1904=False):
    parts = {
        '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        '_rels/.rels': f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    }
    pr = '<workbookPr date1904="1"/>' if date1904 else ''
    parts['xl/workbook.xml'] = (f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}">{pr}<sheets>'
                                + ''.join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
                                + '</sheets></workbook>')
    rels = ''.join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                   for i in range(len(sheets)))
    if shared is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts['xl/sharedStrings.xml'] = (f'<?xml version="1.0"?><sst xmlns="{NS}">'
                                         + ''.join(f'<si><t>{s}</t></si>' for s in shared) + '</sst>')
    if styles is not None:
        rels += f'<Relationship Id="rIdY" Type="{REL}/styles" Target="styles.xml"/>'
        parts['xl/styles.xml'] = styles
    parts['xl/_rels/workbook.xml.rels'] = f'<?xml version="1.0"?><Relationships xmlns="{PKG}">{rels}</Relationships>'
    for i, (_, data) in enumerate(sheets):
        parts[f'xl/worksheets/sheet{i + 1}.xml'] = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{data}</sheetData></worksheet>'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2017, 1, 1, 0, 0, 0))
            z.writestr(info, text.encode('utf-8'))


STYLES = (f'<?xml version="1.0"?><styleSheet xmlns="{NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/>'
          '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/>'
          '<xf numFmtId="46"/><xf numFmtId="21"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>')


def main(dest):
    xlsx = os.path.join(dest, 'semillas-xlsx')
    csv = os.path.join(dest, 'semillas-csv')
    ods = os.path.join(dest, 'semillas-ods')
    xml = os.path.join(dest, 'semillas-xml')
    for d in (xlsx, csv, ods, xml):
        os.makedirs(d, exist_ok=True)
    for name in sorted(os.listdir(FIXTURES)):
        src = os.path.join(FIXTURES, name)
        if name.endswith('.xlsx'):
            dst = os.path.join(xlsx, name)
            try:
                stored_copy(src, dst)
            except (zipfile.BadZipFile, OSError):
                with open(src, 'rb') as f, open(dst, 'wb') as g:
                    g.write(f.read())
            # Big seeds (a million rows, deep nesting) slow every mutation: they stay fixtures only.
            if os.path.getsize(dst) > 64 * 1024:
                os.remove(dst)
        elif name.endswith('.ods'):
            try:
                stored_copy(src, os.path.join(ods, name))
            except (zipfile.BadZipFile, OSError):
                pass
        elif name.endswith('.csv'):
            with open(src, 'rb') as f, open(os.path.join(csv, name), 'wb') as g:
                g.write(f.read())
    book(os.path.join(xlsx, 'estilos.xlsx'), [('Victimas', '<row r="1"><c r="A1" s="1"><v>42736</v></c><c r="B1" s="2"><v>1.5</v></c>'
                                                '<c r="C1" s="3"><v>0.25</v></c><c r="D1" s="4"><v>2</v></c><c r="E1" s="5"><v>43000</v></c>'
                                                '<c r="F1" t="d"><v>2017-03-05T10:20:30</v></c></row>')], styles=STYLES)
    book(os.path.join(xlsx, 'cadenas.xlsx'), [('Hoja', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Ni_x00F1_o</t></is></c>'
                                               '<c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><v>x</v></c></row>'
                                               '<row><c><v>-2.5E-3</v></c><c><v>7</v></c></row>')],
         shared=['Sexo', 'Mujer'])
    book(os.path.join(xlsx, 'fecha1904.xlsx'), [('A', '<row r="1"><c r="A1" s="1"><v>0</v></c></row>'), ('B', '<row r="3"><c r="C3"><v>1</v></c></row>')],
         styles=STYLES, date1904=True)
    # The XML parts of every seed workbook (small ones: the mutations stay fast).
    for d in (xlsx, ods):
        for name in sorted(os.listdir(d)):
            try:
                with zipfile.ZipFile(os.path.join(d, name)) as z:
                    for info in z.infolist():
                        if info.filename.endswith('.xml') and info.file_size <= 16 * 1024:
                            data = z.read(info.filename)
                            safe = (name + '-' + info.filename).replace('/', '_')
                            with open(os.path.join(xml, safe), 'wb') as g:
                                g.write(data)
            except (zipfile.BadZipFile, OSError):
                pass


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')

from decimal import Decimal
import sys
from pdf_markdown_copies import *
from seed_expectations import *
from model.importers import import_bytes
from model.layout import TABLES
e=expected_for(SEEDS[1]); c=expected_cells(e)
t=report_markdown(e['organ'],e['year'],c,'detached')
for a,b in zip(sys.argv[1::2], sys.argv[2::2]): 
    assert a.replace('\\n','\n') in t, a
    t=t.replace(a.replace('\\n','\n'),b.replace('\\n','\n'),1)
r=import_bytes(t.encode(),'c.md')
print(r.count_line())
for n in r.notes:
    if n.kind!='read' and n.table in ('sec3','sec2'): print(n.describe()[:200])
bad={k:(r.report.table(k[0])[k[1]][k[2]],v) for k,v in c.items() if r.report.table(k[0])[k[1]][k[2]]!=v}
print(bad)

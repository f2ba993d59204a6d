"""Run one of KERI's command lines (``kli``, or did-webs-resolver's ``dws``) with its keystores
under a folder of the test's own. Run by the product's interpreter, never imported here.

keripy keeps its databases under /usr/local/var/keri when it may write there (as root it may),
else under ~/.keri; it has no option to say where. This sets that one place and changes nothing
else: the commands, their parsing and everything they do are the product's.

    python keri_home.py HEAD_DIR kli|dws ARGUMENTS...
"""

import importlib
import sys

from hio.base import filing
from keri.db import dbing

PROGRAMS = {"kli": "keri.app.cli.kli", "dws": "dws.app.cli.dws"}

head, program, *arguments = sys.argv[1:]
filing.Filer.HeadDirPath = dbing.LMDBer.HeadDirPath = head
sys.argv = [program, *arguments]
importlib.import_module(PROGRAMS[program]).main()

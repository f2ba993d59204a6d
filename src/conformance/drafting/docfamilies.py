"""The families of documents clause 2 dates by a bracket after the designation, not by a colon or dash:
"ITU-T G.1010 End-user … (2001-11)", "ETSI EN 301 549 V3.2.1 (2021-03) …". ``datedrefs`` reads clause 2's
entries with it; ``testcases`` sets a test purpose's title in quotation marks when the title cites one, so
that no dated citation stands inside a round bracket (issue 76). A module of its own: ``datedrefs`` needs
the writer's blocks, and the writer imports ``testcases``."""

BRACKET_FAMILIES = (r"ITU-[RT] [A-Z]+\.\d+|ETSI E[NSG] \d+(?: \d+)*(?:-\d+)*|3GPP TS \d+\.\d+|ASTM [A-Z]\d+"
                    r"|FIPS \d+(?:-\d+)?|NIST SP \d+-\d+[A-Z]?")

"""`python -m dashboard.snapshot`: the documented command; the code is dashboard/export/snapshot.py."""

import sys

from dashboard.export.snapshot import main

if __name__ == "__main__":
    sys.exit(main())

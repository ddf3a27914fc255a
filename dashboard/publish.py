"""`python -m dashboard.publish`: the documented command; the code is dashboard/export/publish.py."""

import sys

from dashboard.export.publish import main

if __name__ == "__main__":
    sys.exit(main())

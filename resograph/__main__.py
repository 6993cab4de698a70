import sys

from resograph.cli import main

sys.exit(main())

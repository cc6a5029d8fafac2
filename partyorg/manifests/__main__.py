import sys

from partyorg.manifests import main

sys.exit(main())

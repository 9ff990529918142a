"""claimgraph: sourced claim networks from news reports."""

import os as _os

# spaCy's small models multiply small matrices; BLAS thread pools only add contention
# (measured here: the parse ran about 20% faster on one thread). Set before numpy loads;
# a user's own setting wins. Parallelism comes from processes (the Dask engine).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

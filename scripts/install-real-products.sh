#!/usr/bin/env bash
# The open-source products the real_products tests start (tests/real_products/), each installed
# from its package registry into a folder of its own under .venv-real-products/ (git-ignored):
# their pins clash with the harness's, and a product must never share the judge's environment.
#
#   scripts/install-real-products.sh          # what is missing; a product already there is kept
#
# Idempotent: a product whose pinned version is already installed is skipped. A product that
# cannot be installed (no registry, no suitable interpreter) leaves one line on stderr and the
# same line in .venv-real-products/<product>.unavailable, which its tests print as their skip
# reason; the script still exits 0, so CI goes on to the tests, which skip with that reason.
# The versions are pinned: the tests write down the verdict each requirement gets from exactly
# this version (docs/real-products.md, "Products in the tests").
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=.venv-real-products
mkdir -p "$ROOT"

ACAPY_VERSION=1.7.0    # acapy-agent on PyPI; it needs Python 3.13 or newer

unavailable() {        # unavailable PRODUCT REASON...: say why, once, where the tests read it
    local product=$1; shift
    echo "$*" > "$ROOT/$product.unavailable"
    echo "real products: $product not installed: $*" >&2
}

python_313() {         # the first Python >= 3.13 on this machine: PATH, then pyenv's versions
    local candidate
    for candidate in python3.14 python3.13 "$HOME"/.pyenv/versions/3.1[3-9]*/bin/python3 \
            /usr/bin/python3.13 /usr/local/bin/python3.13; do
        if command -v "$candidate" >/dev/null 2>&1 \
                && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

install_acapy() {
    local venv="$ROOT/acapy"
    if [ -x "$venv/bin/aca-py" ] && [ "$("$venv/bin/aca-py" --version 2>/dev/null)" = "$ACAPY_VERSION" ]; then
        rm -f "$ROOT/acapy.unavailable"
        return 0
    fi
    local python
    if ! python=$(python_313); then
        unavailable acapy "acapy-agent $ACAPY_VERSION needs Python 3.13 or newer, and none is on this machine"
        return 0
    fi
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
        unavailable acapy "could not make a virtual environment with $python"
        return 0
    fi
    if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check "acapy-agent==$ACAPY_VERSION" \
            > "$ROOT/acapy.install.log" 2>&1; then
        unavailable acapy "pip could not install acapy-agent==$ACAPY_VERSION from PyPI" \
            "(unreachable registry or a failed build; see $ROOT/acapy.install.log)"
        rm -rf "$venv"
        return 0
    fi
    rm -f "$ROOT/acapy.unavailable"
}

install_acapy

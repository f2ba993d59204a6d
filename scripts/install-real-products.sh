#!/usr/bin/env bash
# The open-source products the real_products tests start (tests/real_products/), each installed
# from its package registry into a folder of its own under .venv-real-products/ (git-ignored):
# their pins clash with the harness's, and a product must never share the judge's environment.
#
#   scripts/install-real-products.sh          # what is missing; a product already there is kept
#   scripts/install-real-products.sh urdfdom  # only the products named (acapy did-webs-resolver didkit js-vc urdfdom
#                                             # django-ogc-sensorthings pygeoapi obj2gltf trimesh)
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

ACAPY_VERSION=1.7.0            # acapy-agent on PyPI: Python >= 3.13
DWS_VERSION=0.3.7              # did-webs-resolver on PyPI: Python >= 3.12.6, < 3.14; keri needs libsodium
DIDKIT_VERSION=0.3.3           # didkit on PyPI (SpruceID, Rust ssi): wheels for CPython 3.8 to 3.12
STA_VERSION=1.2.0              # django-ogc-sensorthings on PyPI (HydroServer): an OGC SensorThings API 1.1 on Django, SQLite
PYGEOAPI_VERSION=0.24.0         # pygeoapi on PyPI (OSGeo): OGC API - Features, Processes, Records...; Python >= 3.10
STARLETTE_VERSION=0.46.2       # its --starlette mode's server (uvicorn), which pygeoapi's own requirements leave out
UVICORN_VERSION=0.34.3
TRIMESH_VERSION=5.2.0          # trimesh on PyPI: a glTF exporter (assets: tests/real_products/test_trimesh.py)
TRIMESH_NUMPY_VERSION=2.4.6    # its one dependency; numpy 2.4 needs Python >= 3.11
TRIMESH_PILLOW_VERSION=13.0.0  # what trimesh's textures are, an extra its own requirements leave out
URDFDOM_VERSION=6.0.0          # cmeel-urdfdom on PyPI: urdfdom's check_urdf built for any CPython 3 (py3-none wheel)
# Digital Bazaar's VC stack on npm: the pins are tests/real_products/issuers/package.json and its lock
JS_VC_LOCK=tests/real_products/issuers/package-lock.json
# CesiumGS's obj2gltf on npm (assets: tests/real_products/test_obj2gltf.py): the pin is
# tests/real_products/obj2gltf/package.json and its lock
OBJ2GLTF_LOCK=tests/real_products/obj2gltf/package-lock.json

PRODUCTS="acapy did-webs-resolver didkit js-vc urdfdom django-ogc-sensorthings pygeoapi obj2gltf trimesh"
for named in "$@"; do
    case " $PRODUCTS " in
        *" $named "*) ;;
        *) echo "install-real-products.sh: no product named '$named': give some of $PRODUCTS" >&2; exit 2 ;;
    esac
done
wanted() {             # wanted PRODUCT: true when no product was named, or this one was
    [ -z "$SELECTED" ] || [[ " $SELECTED " == *" $1 "* ]]
}
SELECTED="$*"

unavailable() {        # unavailable PRODUCT REASON...: say why, once, where the tests read it
    local product=$1; shift
    echo "$*" > "$ROOT/$product.unavailable"
    echo "real products: $product not installed: $*" >&2
}

python_between() {     # python_between MIN MAX: the first Python in [MIN, MAX) here, e.g. 3.13 3.14
    local low=$1 high=$2 candidate
    for candidate in python3.13 python3.14 python3.12 "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 \
            /usr/bin/python3.1[2-9] /usr/local/bin/python3.1[2-9] python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "
import sys
low, high = (tuple(int(p) for p in v.split('.')) for v in ('$low', '$high'))
sys.exit(not (low <= sys.version_info[:len(low)] and sys.version_info[:len(high)] < high))" 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

install_into_venv() {  # install_into_venv PRODUCT "PIP_REQUIREMENT..." MIN_PYTHON MAX_PYTHON (requirements split on spaces)
    local product=$1 requirement=$2 low=$3 high=$4 venv="$ROOT/$1" python
    if [ -f "$venv/installed" ] && [ "$(cat "$venv/installed")" = "$requirement" ]; then
        rm -f "$ROOT/$product.unavailable"
        return 0
    fi
    if ! python=$(python_between "$low" "$high"); then
        unavailable "$product" "$requirement needs Python >= $low and < $high, and none is on this machine"
        return 0
    fi
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
        unavailable "$product" "could not make a virtual environment with $python"
        return 0
    fi
    if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check $requirement \
            > "$ROOT/$product.install.log" 2>&1; then
        unavailable "$product" "pip could not install $requirement from PyPI" \
            "(unreachable registry or a failed build; see $ROOT/$product.install.log)"
        rm -rf "$venv"
        return 0
    fi
    echo "$requirement" > "$venv/installed"    # written last: a venv without it is redone
    rm -f "$ROOT/$product.unavailable"
}

has_libsodium() { ldconfig -p 2>/dev/null | grep -q 'libsodium\.so'; }

wanted acapy && install_into_venv acapy "acapy-agent==$ACAPY_VERSION" 3.13 4.0
# keri (under did-webs-resolver) loads the system's libsodium: Debian's libsodium23, when missing (CI is root)
if wanted did-webs-resolver && ! has_libsodium && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsodium23 >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsodium23 >/dev/null 2>&1; }
fi
if ! wanted did-webs-resolver; then
    :
elif has_libsodium; then
    install_into_venv did-webs-resolver "did-webs-resolver==$DWS_VERSION" 3.12.6 3.14
else
    unavailable did-webs-resolver "keri needs libsodium (Debian's libsodium23), which is not installed"
fi

wanted didkit && install_into_venv didkit "didkit==$DIDKIT_VERSION" 3.8 3.13
# urdfdom's check_urdf, which tests/areas/robots/test_urdf_as_read.py and bench/fidelity_robots.py run:
# the wheel puts it under the cmeel prefix, .venv-real-products/urdfdom/lib/python3.*/site-packages/cmeel.prefix/bin/
wanted urdfdom && install_into_venv urdfdom "cmeel-urdfdom==$URDFDOM_VERSION" 3.8 4.0
# scenes' live feed (tests/real_products/test_django_sensorthings.py): Django 4.2+ and django-ninja, Python >= 3.10
wanted django-ogc-sensorthings && install_into_venv django-ogc-sensorthings \
    "django-ogc-sensorthings==$STA_VERSION" 3.10 4.0
# interfaces (tests/real_products/test_pygeoapi.py): pygeoapi served by uvicorn, as its --starlette mode serves it
wanted pygeoapi && install_into_venv pygeoapi \
    "pygeoapi==$PYGEOAPI_VERSION starlette==$STARLETTE_VERSION uvicorn==$UVICORN_VERSION" 3.10 4.0
# assets (tests/real_products/test_trimesh.py): trimesh exporting glTF, with numpy and Pillow for its textures
wanted trimesh && install_into_venv trimesh \
    "trimesh==$TRIMESH_VERSION numpy==$TRIMESH_NUMPY_VERSION pillow==$TRIMESH_PILLOW_VERSION" 3.11 4.0

install_npm_lock() {   # install_npm_lock PRODUCT LOCKFILE: npm ci of the lock's pins into $ROOT/PRODUCT
    local product=$1 lock=$2 folder="$ROOT/$1" want
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        unavailable "$product" "needs Node.js and npm, and they are not on this machine"
        return 0
    fi
    want="$(sha256sum "$lock" | cut -d' ' -f1)"
    if [ -f "$folder/installed" ] && [ "$(cat "$folder/installed")" = "$want" ]; then
        rm -f "$ROOT/$product.unavailable"
        return 0
    fi
    rm -rf "$folder" && mkdir -p "$folder"
    cp "$(dirname "$lock")/package.json" "$lock" "$folder/"
    if ! (cd "$folder" && npm ci --no-audit --no-fund --ignore-scripts) > "$ROOT/$product.install.log" 2>&1; then
        unavailable "$product" "npm could not install $lock from the npm registry" \
            "(unreachable registry; see $ROOT/$product.install.log)"
        rm -rf "$folder"
        return 0
    fi
    echo "$want" > "$folder/installed"         # written last: a folder without it is redone
    rm -f "$ROOT/$product.unavailable"
}

wanted js-vc && install_npm_lock js-vc "$JS_VC_LOCK"
wanted obj2gltf && install_npm_lock obj2gltf "$OBJ2GLTF_LOCK"
exit 0

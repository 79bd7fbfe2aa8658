# Relais: multi-stage build, small runtime image.
#   docker build -t relais .
#   docker run -p 8080:8080 -v relais-data:/data relais serve --demo
FROM rust:1-slim-bookworm AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config cmake make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cargo build --release --locked -p relais-cli && strip target/release/relais

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /data --create-home relais
COPY --from=build /src/target/release/relais /usr/local/bin/relais
USER relais
WORKDIR /data
ENV RELAIS_BIND=0.0.0.0:8080 \
    RELAIS_DATABASE_URL=sqlite:///data/relais.db \
    RELAIS_OUTBOX_DIR=/data/outbox
EXPOSE 8080
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["relais"]
CMD ["serve"]

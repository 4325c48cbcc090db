# syntax=docker/dockerfile:1
# Build: a static binary, no cgo.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/meldbot ./cmd/meldbot \
 && mkdir -p /out/data

# Run: nothing but the binary, CA certificates for the chat APIs, and a data
# volume owned by the unprivileged user. Time-zone data is in the binary.
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/meldbot /meldbot
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
ENV MELDBOT_DATA=/data/meldbot.db
VOLUME ["/data"]
ENTRYPOINT ["/meldbot"]
CMD ["run"]

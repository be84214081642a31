#!/usr/bin/env bash
# Latency and throughput of one function at rising concurrency (autocannon, closed loop), to size
# Knative's containerConcurrency and autoscaling target from measurements rather than guesses.
# Usage: knative/measure-concurrency.sh BASE_URL [predict|explain] [SECONDS] [LEVELS...]
#   e.g. FUNCTION_TARGET=predict PORT=18090 npm start &  knative/measure-concurrency.sh http://127.0.0.1:18090
# Prints one Markdown row per level: connections, requests/s, mean, p99 and max latency (ms).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?base URL}"
function="${2:-predict}"
seconds="${3:-10}"
shift $(($# < 3 ? $# : 3))
levels=("${@:-1 2 4 8 16 32}")
# shellcheck disable=SC2206
levels=(${levels[*]})

record='{"checking_status":"<0","duration":48,"credit_history":"existing paid","purpose":"radio/tv","credit_amount":5951,"savings_status":"<100","employment":"1<=X<4","installment_commitment":2,"personal_status":"female div/dep/mar","other_parties":"none","residence_since":2,"property_magnitude":"real estate","age":22,"other_payment_plans":"none","housing":"own","existing_credits":1,"job":"skilled","num_dependents":1,"own_telephone":"none","foreign_worker":"yes"}'
curl -fs "$base/health/ready" > /dev/null || { echo "not ready: $base" >&2; exit 1; }

echo "| connections | requests/s | mean ms | p99 ms | max ms | non-2xx |"
echo "| ----------- | ---------- | ------- | ------ | ------ | ------- |"
for c in "${levels[@]}"; do
  run() { # connections, seconds: autocannon's JSON summary on stdout
    npx --no-install autocannon --json -c "$1" -d "$2" -m POST -H 'content-type=application/json' \
      -b "$record" "$base/$function" 2> /dev/null
  }
  run "$c" 2 > /dev/null # warm-up at this level
  # autocannon's histogram counts whole milliseconds: the mean comes from Little's law instead
  # (connections / throughput), exact for a closed loop. The quotes keep the JavaScript literal.
  # shellcheck disable=SC2016
  run "$c" "$seconds" | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const r = JSON.parse(s), l = r.latency, rps = r.requests.average;
      const mean = ((r.connections / rps) * 1000).toFixed(2);
      console.log(`| ${r.connections} | ${Math.round(rps)} | ${mean} | ${l.p99} | ${l.max} | ${r.non2xx} |`);
    });'
done

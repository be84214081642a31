#!/usr/bin/env bash
# Smoke test of a running scorefn: readiness, a prediction in each protocol, an explanation and the
# pages. Usage: .ci/smoke.sh http://127.0.0.1:8080 [functions...] (default: all of them)
set -euo pipefail
base="${1:?base URL}"
shift || true
want=("${@:-all}")
has() { [[ " ${want[*]} " == *" all "* || " ${want[*]} " == *" $1 "* ]]; }

record='{"checking_status":"<0","duration":48,"credit_history":"existing paid","purpose":"radio/tv","credit_amount":5951,"savings_status":"<100","employment":"1<=X<4","installment_commitment":2,"personal_status":"female div/dep/mar","other_parties":"none","residence_since":2,"property_magnitude":"real estate","age":22,"other_payment_plans":"none","housing":"own","existing_credits":1,"job":"skilled","num_dependents":1,"own_telephone":"none","foreign_worker":"yes"}'

for _ in $(seq 1 60); do
  curl -fs "$base/health/ready" > /dev/null && break
  sleep 0.5
done
check() { # name, expected status, curl args...
  local name=$1 expect=$2; shift 2
  local out status
  out=$(curl -s -o /tmp/scorefn-smoke.body -w '%{http_code}' "$@")
  status=$out
  if [ "$status" != "$expect" ]; then
    echo "FAIL $name: HTTP $status"; head -c 400 /tmp/scorefn-smoke.body; echo; exit 1
  fi
  echo "ok   $name ($status) $(head -c 160 /tmp/scorefn-smoke.body | tr -d '\n')"
}
check health 200 "$base/health"
if has predict; then
  check predict 200 -H 'content-type: application/json' -d "$record" "$base/predict"
  grep -q '"probability_bad"' /tmp/scorefn-smoke.body
  check predict-invalid 400 -H 'content-type: application/json' -d '{"age": "old"}' "$base/predict"
  check kserve-v1 200 -H 'content-type: application/json' -d "{\"instances\": [$record]}" "$base/v1/models/credit-gbdt:predict"
  check oip-v2-ready 200 "$base/v2/health/ready"
fi
if has explain; then
  check explain 200 -H 'content-type: application/json' -d "$record" "$base/explain"
  grep -q '"reasons"' /tmp/scorefn-smoke.body
fi
if has model-card; then check model-card 200 "$base/model-card"; fi
if has docs; then check docs 200 "$base/docs"; check openapi 200 "$base/openapi.json"; fi
echo "smoke test passed: $base"

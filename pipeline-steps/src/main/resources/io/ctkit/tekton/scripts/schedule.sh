set -eu
body=$(printf '{"entity":"model","action":"retrain","data":{"model":"%s","trigger":"schedule","reason":"scheduled retraining"}}' "$MODEL")
curl -fsS -X POST -H "Content-Type: application/json" -d "$body" "$LISTENER"

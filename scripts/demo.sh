#!/usr/bin/env bash
# The seed case (Kent PCC and Essex PFCC, one joint tender through 7F Commercial) end to end through the
# `procurement` CLI, against a running suite in Development with clock control on (Development:ClockControl=true).
#
#   PROCUREMENT_GATEWAY  the gateway's gRPC address (default http://127.0.0.1:5100)
#   PROCUREMENT_CLI      how to run the CLI: an executable, or a procurement.dll (run with dotnet); default: the
#                        Release build in cli/Procurement.Cli/bin/Release, built first if missing
#   PROCUREMENT_HOME     where the personas' profiles go (default: a temporary directory, removed at the end)
#   DEMO_VERBOSE=1       also show what each command prints
#
# Every step is one short line saying who did what; any failure stops the demo with a non-zero exit.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEMO="$ROOT/demo/kent-essex"

if [[ -n "${PROCUREMENT_CLI:-}" ]]; then
  if [[ "$PROCUREMENT_CLI" == *.dll ]]; then CLI=(dotnet "$PROCUREMENT_CLI"); else CLI=("$PROCUREMENT_CLI"); fi
else
  DLL="$ROOT/cli/Procurement.Cli/bin/Release/net10.0/procurement.dll"
  if [[ ! -f "$DLL" ]]; then
    echo "Building the CLI (Release)…" >&2
    dotnet build -c Release "$ROOT/cli/Procurement.Cli/Procurement.Cli.csproj" -nologo -v quiet >&2
  fi
  CLI=(dotnet "$DLL")
fi

if [[ -z "${PROCUREMENT_HOME:-}" ]]; then
  PROCUREMENT_HOME=$(mktemp -d -t procurement-demo.XXXXXX)
  trap 'rm -rf "$PROCUREMENT_HOME"' EXIT
fi
export PROCUREMENT_HOME
unset PROCUREMENT_PROFILE

STEP="starting"
trap 'status=$?; echo "✗ The demo stopped at: $STEP (exit $status)" >&2; exit $status' ERR

# p <persona> <command…>: the CLI acting as that persona. Output shows only with DEMO_VERBOSE=1 (errors always do).
p() {
  local persona=$1; shift
  if [[ "${DEMO_VERBOSE:-}" == 1 ]]; then "${CLI[@]}" --no-color --as "$persona" "$@"; else "${CLI[@]}" --no-color --as "$persona" "$@" >/dev/null; fi
}
# id <persona> <command…>: the same, printing only the id the command answers with.
id() { local persona=$1; shift; "${CLI[@]}" --no-color --as "$persona" "$@" -q; }
say() { STEP="$*"; printf '• %s\n' "$*"; }

login() {
  local profile=$1 sub=$2 name=$3 org=$4 role=$5 commissioner=${6:-}
  "${CLI[@]}" --no-color login "$profile" --development --sub "$sub" --name "$name" --org "$org" --role "$role" \
    ${commissioner:+--commissioner "$commissioner"} >/dev/null </dev/null
}

say "The people of the case sign in (development tokens) at ${PROCUREMENT_GATEWAY:-http://127.0.0.1:5100}"
while IFS=$'\t' read -r profile sub name org role commissioner; do
  [[ -z "$profile" || "$profile" == \#* ]] && continue
  login "$profile" "$sub" "$name" "$org" "$role" "$commissioner"
done < "$DEMO/people.tsv"

say "7F Commercial (Ola Officer) drafts the joint tender for Kent and Essex from tender.yaml"
TENDER=$(id officer tender create --file "$DEMO/tender.yaml" --clarification-deadline +14d --submission-deadline +30d --contract-start +120d)
say "7F Commercial publishes tender $TENDER: one lot for Kent, one for Essex"
p officer tender publish "$TENDER"

say "Victim Support asks a clarification question"
QUESTION=$(id victim-support clarification ask "$TENDER" --question "Can one organisation bid for both lots?")
say "7F Commercial answers it for every supplier"
p officer clarification answer "$QUESTION" --answer "Yes: bid for one lot or both; each lot is evaluated separately."

say "Victim Support bids for both lots (Kent £1,000,000 a year, Essex £560,000)"
VS_BID=$(id victim-support bid submit --tender "$TENDER" --file "$DEMO/victim-support.yaml" --receipt "$PROCUREMENT_HOME/victim-support-receipt.json" --wait)
say "Catch22 bids for both lots (Kent £1,080,000 a year, Essex £530,000)"
p catch-22 bid submit --tender "$TENDER" --file "$DEMO/catch-22.yaml" --wait
say "Victim Support checks its receipt: the bid service holds exactly what it sent"
p victim-support bid verify --receipt "$PROCUREMENT_HOME/victim-support-receipt.json"

say "The clock moves past the submission deadline (development clock control)"
p officer clock advance --past-deadline "$TENDER"
say "The tender closes and the bids are opened, lot by lot: each commissioner gets an evaluation"
KENT_EVAL=$(id kent-officer panel list --tender "$TENDER" --wait --timeout 60s)
ESSEX_EVAL=$(id essex-officer panel list --tender "$TENDER" --wait --timeout 60s)

# panel <evaluation> <officer> <chair> <evaluators…>: appointed by the officer, every member declares no conflict.
panel() {
  local evaluation=$1 officer=$2 chair=$3; shift 3
  local evaluators=()
  for e in "$@"; do evaluators+=(--evaluator "$e"); done
  p "$officer" panel appoint "$evaluation" --chair "$chair" "${evaluators[@]}"
  for member in "$@" "$chair"; do p "$member" panel declare "$evaluation"; done
}
score() {   # score <evaluator> <evaluation> <supplier> <score> <criteria…>
  local who=$1 evaluation=$2 supplier=$3 value=$4; shift 4
  local criteria=()
  for c in "$@"; do criteria+=(--criterion "$c"); done
  p "$who" panel score "$evaluation" --supplier "$supplier" "${criteria[@]}" --score "$value" --justification "Evidence in the $supplier response."
}
moderate() {   # moderate <chair> <evaluation> <supplier> <score> <criteria…>
  local who=$1 evaluation=$2 supplier=$3 value=$4; shift 4
  local criteria=()
  for c in "$@"; do criteria+=(--criterion "$c"); done
  p "$who" panel moderate "$evaluation" --supplier "$supplier" "${criteria[@]}" --score "$value" --rationale "Agreed by the panel."
}

say "Kent's commissioning officer appoints Kate Chair, Kim Evaluator and Kerry Force (Kent Police); each declares no conflicts"
panel "$KENT_EVAL" kent-officer kent-chair kent-evaluator kent-force
say "Kim Evaluator scores both bids (Victim Support 5 on Q1, 4 elsewhere; Catch22 3)"
score kent-evaluator "$KENT_EVAL" victim-support 5 Q1
score kent-evaluator "$KENT_EVAL" victim-support 4 Q2 Q3 SV1
score kent-evaluator "$KENT_EVAL" catch-22 3 Q1 Q2 Q3 SV1
p kent-evaluator panel submit "$KENT_EVAL"
say "Kerry Force scores both bids (Victim Support 3 on Q1, 4 elsewhere; Catch22 3) and submits"
score kent-force "$KENT_EVAL" victim-support 3 Q1
score kent-force "$KENT_EVAL" victim-support 4 Q2 Q3 SV1
score kent-force "$KENT_EVAL" catch-22 3 Q1 Q2 Q3 SV1
p kent-force panel submit "$KENT_EVAL"
FLAGGED=$("${CLI[@]}" --no-color --as kent-chair panel scores "$KENT_EVAL" --json | grep -c '"spreadFlagged": true' || true)
say "Kent's panel sees $FLAGGED score(s) flagged for a spread (5 against 3 on Q1) and discusses them"
say "Kate Chair records the moderated scores (Victim Support 4, Catch22 3) and completes Kent's evaluation"
moderate kent-chair "$KENT_EVAL" victim-support 4 Q1 Q2 Q3 SV1
moderate kent-chair "$KENT_EVAL" catch-22 3 Q1 Q2 Q3 SV1
p kent-chair panel complete "$KENT_EVAL"

say "Essex's commissioning officer appoints Ezra Chair and Eve Evaluator; each declares no conflicts"
panel "$ESSEX_EVAL" essex-officer essex-chair essex-evaluator
say "Eve Evaluator scores (Victim Support 3, Catch22 4) and submits; Ezra Chair moderates and completes"
score essex-evaluator "$ESSEX_EVAL" victim-support 3 Q1
score essex-evaluator "$ESSEX_EVAL" catch-22 4 Q1
p essex-evaluator panel submit "$ESSEX_EVAL"
moderate essex-chair "$ESSEX_EVAL" victim-support 3 Q1
moderate essex-chair "$ESSEX_EVAL" catch-22 4 Q1
p essex-chair panel complete "$ESSEX_EVAL"

say "Each commissioner's award is recommended from its own panel's ranking"
KENT_AWARD=$(id kent-officer award list --tender "$TENDER" --commissioner kent --wait --timeout 60s)
ESSEX_AWARD=$(id essex-officer award list --tender "$TENDER" --commissioner essex --wait --timeout 60s)

say "Kent's commissioning officer drafts Record of Decision OPCC.D.032.23 (Victim Support)"
p kent-officer decision draft "$KENT_AWARD" --file "$DEMO/kent-decision.yaml"
say "Kent's Chief Finance Officer, then Chief Executive, then the Commissioner sign it"
p kent-cfo decision sign "$KENT_AWARD" --comments "Funding set aside across the life of the contract."
p kent-ceo decision sign "$KENT_AWARD" --comments "A competitive tendering process."
p kent-pcc decision sign "$KENT_AWARD" --comments "Satisfied."
say "Essex's commissioning officer drafts PFCC-2023-001 (Catch22); its CFO, Chief Executive and PFCC sign"
p essex-officer decision draft "$ESSEX_AWARD" --file "$DEMO/essex-decision.yaml"
p essex-cfo decision sign "$ESSEX_AWARD" --comments "Agreed."
p essex-ceo decision sign "$ESSEX_AWARD" --comments "Agreed."
p essex-pfcc decision sign "$ESSEX_AWARD" --comments "Agreed."

say "Catch22 reads its assessment summary for Kent's lot during standstill"
p catch-22 award summary "$KENT_AWARD"
say "The clock moves past both standstill periods"
p officer clock advance --past-standstill "$KENT_AWARD"
p officer clock advance --past-standstill "$ESSEX_AWARD"

say "Kent enters into its contract with Victim Support"
KENT_CONTRACT=$(id kent-officer contract enter "$KENT_AWARD")
say "Essex enters into its contract with Catch22"
ESSEX_CONTRACT=$(id essex-officer contract enter "$ESSEX_AWARD")
say "The tender service learns of both contracts: the tender is complete"
p officer tender show "$TENDER" --wait --wait-status complete --timeout 60s

say "Essex's PFCC extends Catch22's contract by 12 months at £550,000 a year (PFCC-2026-004)"
p essex-pfcc contract extend "$ESSEX_AWARD" --reference PFCC-2026-004 --months 12 --annual-value 550000 --comments "One year, while the service is re-procured."

OCDS="$PROCUREMENT_HOME/ocds-$TENDER.json"
say "Anyone signed in exports the OCDS release package"
p officer ocds export "$TENDER" --output "$OCDS"
RELEASES=$(grep -c '"ocid"' "$OCDS" || true)

STEP="the summary"
echo
echo "The Kent + Essex case, end to end through the gateway:"
echo "  tender      $TENDER (complete)"
echo "  Kent        award $KENT_AWARD → contract $KENT_CONTRACT with victim-support"
echo "  Essex       award $ESSEX_AWARD → contract $ESSEX_CONTRACT with catch-22 (extended 12 months)"
echo "  OCDS        $RELEASES releases in $OCDS"
echo "Both contracts entered."

#!/usr/bin/env bash
# The action's lint step: turns the inputs into lint-news options. GitHub sets GITHUB_ACTIONS,
# so the output is workflow annotations, and GITHUB_STEP_SUMMARY, which receives the table.
set -euo pipefail
args=()
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_CHANGED_SINCE:-}" ]; then args+=(--changed-since "$INPUT_CHANGED_SINCE"); fi
if [ -n "${INPUT_ARGS:-}" ]; then read -r -a extra <<< "$INPUT_ARGS"; args+=("${extra[@]}"); fi
read -r -a paths <<< "${INPUT_PATHS:-.}"
exec lint-news "${args[@]}" -- "${paths[@]}"

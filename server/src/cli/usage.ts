/** Help texts of the CLI and its commands. */

export const MAIN_USAGE = `Usage: ml-runbooks <command> [options]

Lints ML on-call runbooks (YAML) and blameless post-mortems (Markdown), and does the SLO
burn-rate arithmetic.

Commands:
  lint [paths…]        Lint runbooks and post-mortems (files, folders or globs; default: .)
  burn-rate            Multi-window burn-rate alert table for an SLO (or the reverse)
  report [paths…]      Surface report over the post-mortems found
  graph [paths…]       Alerting rules ↔ runbooks: links, orphans, burn-rate tier mismatches

Options:
  -h, --help           Show help (also: ml-runbooks <command> --help)
  -v, --version        Show the version

Exit codes: 0 clean, 1 problems found, 2 bad usage or unreadable path.
`;

export const LINT_USAGE = `Usage: ml-runbooks lint [paths…] [options]

Lints runbooks (*.runbook.yaml, or YAML with apiVersion: ml-runbooks/v1 and kind: Runbook),
post-mortems (*.postmortem.md, or Markdown whose front matter has kind: postmortem) and alerting
rule files (YAML with top-level groups:, or PrometheusRule objects; AL000–AL005). Paths may be
files, folders (searched recursively; node_modules, .git, dist and hidden folders are skipped) or
globs. Default: the current folder.

Options:
  -f, --format <name>     stylish (default), json (ESLint's shape), sarif (SARIF 2.1.0), github
                          (workflow annotations)
      --max-warnings <n>  Exit 1 when there are more than n warnings
      --include-hints     Also report info and hint findings
  -c, --config <file>     Project configuration (default: ./.ml-runbooks.yaml when present)
  -q, --quiet             Report errors only
      --no-color          No colour in stylish output (also: NO_COLOR=1); --color forces it
      --concurrency <n>   Threads for large runs: auto (default), off, or a number
      --cache             Reuse the results of unchanged files from the last --cache run
      --cache-location <file|dir>
                          Cache file or folder (default: node_modules/.cache/ml-runbooks/)
      --cache-strategy <metadata|content>
                          How unchanged files are recognised: by size, times and inode (default;
                          a file whose metadata changed is compared by content) or by content only
  -h, --help              Show this help

Exit codes: 0 clean, 1 errors (or more warnings than --max-warnings), 2 bad usage or unreadable path.
`;

export const BURN_RATE_USAGE = `Usage: ml-runbooks burn-rate --objective <percent> --period <duration> [options]

Computes the multi-window, multi-burn-rate alert tiers of an SLO: for each tier the long and short
window, the burn rate, the share of the error budget it consumes, the error-rate threshold and the
time until the whole budget is gone. With --error-rate, the reverse: how fast an observed error
rate burns the budget.

Options:
  -o, --objective <percent>  SLO objective in percent, 0 < x < 100 (e.g. 99.9)
  -p, --period <duration>    SLO period: Nm, Nh, Nd or Nw (e.g. 30d)
      --preset <name>        workbook (default: 1h/5m, 6h/30m, 3d/6h) or sloth (1h/5m, 6h/30m, 1d/2h, 3d/6h)
  -e, --error-rate <rate>    Observed error rate, as 0.5% or 0.005 (reverse calculation)
      --after <duration>     With --error-rate: budget consumed after this long (default 1h)
  -f, --format <name>        table (default), json, prometheus (alerting rules YAML)
      --metric <name>        Error-ratio metric for --format prometheus (default: slo:error_ratio)
      --slo <name>           SLO name for --format prometheus (default: slo)
  -h, --help                 Show this help

Examples:
  ml-runbooks burn-rate --objective 99.9 --period 30d
  ml-runbooks burn-rate --objective 99.9 --period 30d --error-rate 0.5% --after 6h
  ml-runbooks burn-rate -o 99.5 -p 28d --format prometheus --metric job:slo_errors:ratio --slo checkout

Exit codes: 0 done (a tier that can never fire is a warning), 2 bad usage or invalid input.
`;

export const REPORT_USAGE = `Usage: ml-runbooks report [paths…] [options]

Counts the post-mortems found (files, folders or globs; default: .) by failure surface, severity
and quarter, with detection-gap medians, and calls out runs of the same surface.

Options:
  -f, --format <name>  table (default) or json
  -c, --config <file>  Project configuration (default: ./.ml-runbooks.yaml when present)
  -h, --help           Show this help

Exit codes: 0 done, 2 bad usage or unreadable path.
`;

export const GRAPH_USAGE = `Usage: ml-runbooks graph [paths…] [options]

Reads the alerting rule files (YAML with top-level groups:, PrometheusRule objects, files.alertRules
globs) and runbooks found (files, folders or globs; default: .) and prints the coverage: each alert,
the runbook its runbook_url resolves to and its burn-rate tiers; unresolved links, runbooks no alert
links, and tiers that disagree with the runbook's slos.

Options:
  -f, --format <name>  table (default) or json ({ alerts, runbooks, orphans, unresolved, mismatches })
  -c, --config <file>  Project configuration (default: ./.ml-runbooks.yaml when present)
  -h, --help           Show this help

Exit codes: 0 done, 2 bad usage or unreadable path. (Use lint to fail a build on AL findings.)
`;

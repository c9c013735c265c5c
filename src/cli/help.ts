/**
 * `--help` for every command, each with examples. Kept beside the flag definitions' names so a
 * test can check every flag is documented.
 */

const CLOUD_OPTIONS = `Cloud:
  With TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY set, ckafka talks to Tencent Cloud
  (region from the fleet file or TENCENTCLOUD_REGION). With none, it uses the embedded CKafka
  emulator on .ckafka/emulator-state.json at the project's git root (else the current folder)
  and names that file on stderr.
  --endpoint <url>          Talk to this API endpoint (an emulator, a private endpoint); also CKAFKA_ENDPOINT.
                            On 127.0.0.1 no keys are needed, and the region is the emulator's
  --emulator-state <file>   Use the embedded emulator on this state file
  --region <region>         Region when no fleet file names one (default TENCENTCLOUD_REGION)`;

export const HELP: Readonly<Record<string, string>> = {
  main: `ckafka: reviewed, scheduled, safe spec changes for Tencent Cloud CKafka

Usage: ckafka <command> [options]

Commands:
  plan [paths...]        Plan the changes from fleet files or a cdktf.out folder
  apply <plan.json>      Apply a saved plan, exactly as reviewed
  status [ids...]        Show instances as the cloud reports them
  validate [paths...]    Check fleet files offline
  schema                 Print the fleet file's JSON Schema
  emulator init          Create an emulator state from your fleet files, to rehearse on them
  emulator serve         Run the CKafka emulator as an HTTP API on 127.0.0.1
  emulator snapshot      Copy real instances into an emulator state file for rehearsal

Run ckafka help <command> (or ckafka <command> --help) for options and examples.

Exit codes: 0 ok / no changes, 1 error, 2 changes present (plan --detailed-exitcode).
NO_COLOR or --no-color turns colour off.`,

  plan: `ckafka plan: diff declared instances against the cloud into an upgrade plan

Usage: ckafka plan [paths...] [options]

Paths are fleet files (ckafka.yaml, *.ckafka.yaml, JSON too), folders holding them, or a
synthesized cdktf.out folder. Default: the current folder.

Options:
  --format text|markdown|json   Output format (default text; markdown is for pull-request comments)
  --out <plan.json>             Save the plan for \`ckafka apply\`
  --detailed-exitcode           Exit 2 when there are changes, 0 when none (1 on errors)
  --now <ISO-8601>              Plan as of this time, for reproducible plans
  --marker <text>               Hidden marker in the markdown, to find and update one PR comment
  --no-color                    No colour (also NO_COLOR)

${CLOUD_OPTIONS}

Examples:
  ckafka plan examples/quickstart
  ckafka plan ckafka.yaml --out plan.json --format markdown > plan.md
  ckafka plan cdktf.out --format json --detailed-exitcode
  ckafka plan fleet/ --now 2026-11-23T10:00:00Z --out plan.json

Exit codes: 0 no changes (or any plan without --detailed-exitcode), 2 changes or blocked instances
(--detailed-exitcode), 1 invalid input or a cloud error. A blocked instance is shown in the plan
and refused by apply; it does not fail the plan.`,

  apply: `ckafka apply: apply a saved plan, exactly as reviewed

Usage: ckafka apply <plan.json> [options]

Re-observes every instance first. Already at the target: done. Upgrading from the planned spec:
follows it. Changed since the plan: refused as stale (re-plan). Outside its window or before its
time: deferred (exit 0) or, with --wait, waits. Otherwise re-runs the pre-checks, submits exactly
the reviewed step, follows it to the end and verifies the result. Safe to re-run after a crash or
a CI timeout; two applies of one plan submit each change once.

Options:
  --wait                    Wait for windows and times instead of deferring
  --max-wait <duration>     Longest wait per instance, e.g. 30m, 6h, 2d (default 24h)
  --ignore-check <id>       Apply despite this failing pre-check (repeatable; recorded)
  --fleet <path>            Refuse the plan unless it does what these fleet files declare
                            (use the trusted branch's files when the plan comes from a PR job)
  --concurrency <n>         Instances checked and submitted at once (default 8); running
                            changes are followed without holding a slot
  --max-running <n>         Changes running in the cloud at once (default: no limit); the
                            others wait for one to finish before they start
  --poll-interval <duration> Time between status polls (default 30s)
  --format text|json        Output format (default text); progress goes to stderr
  --no-color                No colour (also NO_COLOR)

${CLOUD_OPTIONS}

Examples:
  ckafka apply plan.json
  ckafka apply plan.json --wait --max-wait 8h
  ckafka apply plan.json --ignore-check replicas-in-sync
  ckafka apply plan.json --fleet fleet/
  ckafka apply plan.json --format json > apply-result.json

Exit codes: 0 every instance done, unchanged, deferred or scheduled; 1 otherwise (refused,
blocked, failed, still running, interrupted). Ctrl-C stops new submissions and reports what is
still running in the cloud.`,

  status: `ckafka status: show instances as the cloud reports them

Usage: ckafka status [ids...] [options]

Without ids, lists every instance in the region.

Options:
  --format text|json   Output format (default text)
  --no-color           No colour (also NO_COLOR)

${CLOUD_OPTIONS}

Examples:
  ckafka status
  ckafka status ckafka-abc12345 ckafka-def67890 --format json`,

  validate: `ckafka validate: check fleet files without touching the cloud

Usage: ckafka validate [paths...] [options]

Checks shape, steps, tier minimums, windows and time zones. Comparisons with the running
instances (downgrades, decreases, disk below data) need the cloud: use ckafka plan.

Options:
  --format text|json   Output format (default text)
  --now <ISO-8601>     Judge 'at' times against this time (default now)
  --no-color           No colour (also NO_COLOR)

Examples:
  ckafka validate ckafka.yaml
  ckafka validate fleet/ --format json

Exit codes: 0 valid (warnings allowed), 1 invalid.`,

  schema: `ckafka schema: print the fleet file's JSON Schema

Usage: ckafka schema

Point editors at it for completion and validation, e.g. in a fleet file:
  # yaml-language-server: $schema=./node_modules/ckafka-iac/schema/fleet.schema.json

Examples:
  ckafka schema > fleet.schema.json`,

  emulator: `ckafka emulator: the CKafka emulator

Usage:
  ckafka emulator init [--from-fleet <path>] [--current <file>] [--seed <file>] [--out <file>] [--force]
  ckafka emulator serve [--port <port>] [--state <file>] [--speed <n>]
  ckafka emulator snapshot --out <file> [ids...]

init       Create an emulator state dated now: with --from-fleet, holding the instances your
           fleet files declare (their ids, names, editions; each running its declared spec, or
           the current spec --current gives), to rehearse plan and apply on your own fleet;
           with --seed, a copy of a seed state file re-dated to now; else the demo fleet.
           Written to the project's embedded state (.ckafka/emulator-state.json at the git root)
           unless --out names a file; an existing file is kept unless --force.
serve      Serve the Tencent Cloud API 3.0 (TC3-signed) on 127.0.0.1; point ckafka (--endpoint,
           CKAFKA_ENDPOINT) or any SDK at it. Signatures are verified against
           TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY when they are set; without them any
           request is accepted, and ckafka signs with a placeholder key. Stops on Ctrl-C, SIGTERM,
           or when the npm/npx process that started it exits, saving its state.
snapshot   Read real instances (all in the region, or the given ids) through the Tencent Cloud
           API into an emulator state file, to rehearse plan and apply on a copy of the fleet.

Options:
  --from-fleet <path>  init: fleet files or a folder of them (repeatable)
  --current <file>     init: current specs by instance name, where they differ from the fleet
                       (YAML: instances: { orders: { bandwidthMBps: 200, billing: postpaid } });
                       also edition, diskGB, partitions, diskUsedGB, produceMBps, capacity,
                       outOfSyncPartitions, maxMessageBytes
  --seed <file>        init: a state file to copy, re-dated to now (e.g. a committed example)
  --force              init: replace an existing state file
  --port <port>        serve: port on 127.0.0.1 (default 4577; 0 picks a free one)
  --state <file>       serve: state file (default the project's embedded state, created from a seed)
  --speed <n>          serve: virtual seconds per real second (default: real time)
  --out <file>         init: where to write (default the embedded state); snapshot: where to write
  --region <region>    init, snapshot: region (default the fleet's, else TENCENTCLOUD_REGION)
  --endpoint <url>     snapshot: API endpoint (default Tencent Cloud)

Examples:
  ckafka emulator init --from-fleet fleet/ --current current.yaml
  ckafka emulator init --seed examples/quickstart/emulator-state.json --out rehearsal.json
  ckafka emulator serve --port 4577 --state rehearsal.json
  CKAFKA_ENDPOINT=http://127.0.0.1:4577 ckafka status
  ckafka emulator snapshot --out rehearsal.json ckafka-abc12345`,
};

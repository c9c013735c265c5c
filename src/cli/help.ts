/**
 * `--help` for every command, each with examples. Kept beside the flag definitions' names so a
 * test can check every flag is documented.
 */

const CLOUD_OPTIONS = `Cloud:
  With TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY set, ckafka talks to Tencent Cloud
  (region from the fleet file or TENCENTCLOUD_REGION). With none, on a terminal it uses the
  embedded CKafka emulator on .ckafka/emulator-state.json at the project's git root (else the
  current folder) and names that file on stderr; in CI (CI set) that is an error,
  cloud/credentials-missing, unless the emulator is chosen on purpose.
  --endpoint <url>          Talk to this API endpoint (an emulator, a private endpoint); also CKAFKA_ENDPOINT.
                            On 127.0.0.1 no keys are needed, and the region is the emulator's
  --emulator                Use the embedded emulator on purpose, even in CI; also CKAFKA_EMULATOR=1
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
  queue add|apply        Keep merged, reviewed plans in a queue a scheduled CI job applies
  doctor [ids|paths...]  Check that the cloud answers as ckafka-iac expects (read-only)

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

Re-observes every instance first. Already at the target: done (verified, changed ports
reported). Upgrading from the planned spec: follows it. Changed since the plan: refused as stale
(re-plan). Outside its window or before its time: deferred (exit 0) or, with --wait, waits. A
window bounds when a change may start: inside it, the change starts whatever its estimate (unless
the window sets mustFinishInside). Otherwise re-runs the pre-checks, submits exactly the reviewed
step, and follows it. Safe to re-run after a crash or a CI timeout; two applies of one plan submit
each change once.

Following: by default apply follows each change to its end and verifies it (interactive use).
With --detach (for CI jobs shorter than a migration; the GitHub Actions example and
\`ckafka queue apply\` use it) it submits what is due, waits only until the cloud shows the change
started, and exits: in-progress (exit 0). The next apply of the same plan reports a running change's
progress and ETA, verifies a finished one (and reports changed ports), and fails on a mismatch.

Options:
  --detach                  Do not follow changes to their end (see Following); default: follow
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

Examples (CI):
  ckafka apply plan.json --fleet fleet/ --detach

Exit codes: 0 every instance done, unchanged, deferred, scheduled or in-progress (--detach); 1
otherwise (refused, blocked, failed, still running after following or long past its estimate,
interrupted). Ctrl-C stops new submissions and reports what is still running in the cloud.`,

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

  queue: `ckafka queue: the queue of merged, reviewed plans a scheduled CI job walks

Usage:
  ckafka queue add <dir> <plan.json> --id <id> --merged-at <ISO-8601>
  ckafka queue apply <dir> --fleet <path> [options]

A GitOps pipeline loses no merged plan: the merge job adds the pull request's reviewed plan to
the queue (a folder the workflow keeps on a git branch); every run of the scheduled job applies
what is pending. A plan stays pending until each of its instances is done, has nothing to do, or
is superseded by a plan merged later for the same instance that does what the fleet files
declare. The merge time orders plans, whatever order the jobs run in.

add     Queue a plan (pending/<merged-at>-<id>.json). Adding an id already queued does nothing,
        so the scheduled job can catch up on merges whose job was cancelled; a missing plan
        for an id not queued yet is an error (a merged plan would be lost).
apply   Apply every pending plan, oldest merge first, each instance from one plan only, checked
        against the trusted fleet files. Default: does not follow changes to their end (a CI job
        is shorter than a migration): submits what is due, waits until the cloud shows it
        started, and records it; the next run reports its progress and ETA, verifies it once it
        ends (and the ports that changed), and fails on a mismatch. Nothing is submitted twice.

Options (add):
  --id <id>                 The pull request, e.g. pr42 (letters, digits, - and _)
  --merged-at <ISO-8601>    When it was merged (GitHub's merged_at)

Options (apply):
  --fleet <path>            The trusted branch's fleet files (required, repeatable)
  --follow                  Follow each change to its end (default: do not; see apply)
  --concurrency <n>         Instances checked and submitted at once, per plan (default 8)
  --max-running <n>         Changes running in the cloud at once, per plan (default: no limit)
  --poll-interval <duration> Time between status polls (default 30s)
  --format text|json        Output format (default text)
  --no-color                No colour (also NO_COLOR)

${CLOUD_OPTIONS}

Examples:
  ckafka queue add .ckafka-queue plan.json --id pr42 --merged-at 2026-03-07T01:10:00Z
  ckafka queue apply .ckafka-queue --fleet fleet/

Exit codes: 0 every instance done, unchanged, superseded, deferred, scheduled or in progress; 1
otherwise (refused, blocked, failed, still running long past its estimate, a plan missing or
modified). Outcomes are saved in the queue either way.`,
  doctor: `ckafka doctor: check that the cloud answers as ckafka-iac expects

Usage: ckafka doctor [ids | paths...] [options]

Read-only. Asks each read action ckafka-iac depends on (DescribeInstancesDetail,
DescribeInstanceAttributes, DescribeRoute, DescribeTopicDetail, DescribeTopicSyncReplica,
DescribeCkafkaZone, DescribeTopicFlowRanking, InquireCkafkaPrice, DescribeModifyType) once per
instance of a sample, holds every answer to the shapes the adapter relies on, lists the known
differences from the documentation it handles, and says what the answers settle of the points no
source confirms (the unit of DescribeModifyType's BandWidth, elastic storage, past
RebalanceTime, …). Instance ids and request ids are redacted by default, so the report can be
attached to a bug report; secrets never appear.

Arguments are instance ids, or fleet files and folders whose declared instances are asked about.
Without any, a sample of the region's instances: one of each kind worth seeing first.

Options:
  --sample <n>          Instances in the sample (default 5)
  --show-ids            Show instance and request ids (keep the report private then)
  --format text|json    Output format (default text)
  --no-color            No colour (also NO_COLOR)

${CLOUD_OPTIONS}

Examples:
  ckafka doctor
  ckafka doctor ckafka.yaml --format json > doctor.json
  ckafka doctor ckafka-abc12345 --show-ids

Exit codes: 0 every answer has the shapes ckafka-iac relies on; 1 a divergence (or an error).`,
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

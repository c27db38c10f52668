// --help text for every command, kept next to each other so they stay consistent.
export const HELP: Record<string, string> = {
  main: `cluster-lessons-server: the Cluster Lessons sync server (y-websocket protocol, SQLite storage)

Usage: cluster-lessons-server <command> [options]

Commands:
  serve            run the sync server
  cluster create   create a cluster with its leader and invite codes (prints JSON)
  member revoke    revoke a member; their open connections close within a second
  member list      list the active members of a cluster (prints JSON)
  member device-code
                   a one-time code that signs a member in on another device (prints JSON)
  backup           copy the database consistently, also while the server runs

Run "cluster-lessons-server <command> --help" for a command's options.
"cluster-lessons-server --version" prints the version.
`,
  serve: `Usage: cluster-lessons-server serve [options]

Runs the sync server. Logs are JSON lines on stdout; the first says where it listens.
SIGTERM or SIGINT stores everything, closes connections (1001) and exits.

Options (environment variable in brackets):
  --host HOST                  address to bind [CLUSTER_LESSONS_HOST] (default 127.0.0.1)
  --port PORT                  port, 0 for any free one [CLUSTER_LESSONS_PORT] (default 1234)
  --data DIR                   data directory [CLUSTER_LESSONS_DATA] (default ./data)
  --log-level LEVEL            debug, info, warn or error [CLUSTER_LESSONS_LOG_LEVEL] (default info)
  --max-message-bytes N        largest message; larger ones close with 4413
                               [CLUSTER_LESSONS_MAX_MESSAGE_BYTES] (default 8388608)
  --messages-per-second N      sustained messages per connection [CLUSTER_LESSONS_MESSAGES_PER_SECOND] (default 200)
  --message-burst N            burst above that rate [CLUSTER_LESSONS_MESSAGE_BURST] (default 2000)
  --max-docs-per-member N      open documents per member [CLUSTER_LESSONS_MAX_DOCS_PER_MEMBER] (default 100)
  --max-buffered-bytes N       bytes queued for a slow reader before 1013
                               [CLUSTER_LESSONS_MAX_BUFFERED_BYTES] (default 33554432)
  --ping-interval-ms N         keep-alive ping interval [CLUSTER_LESSONS_PING_INTERVAL_MS] (default 30000)
  --compact-after N            merge a document's log into a snapshot at N rows
                               [CLUSTER_LESSONS_COMPACT_AFTER] (default 1000)
  --unload-delay-ms N          keep an unused document in memory this long [CLUSTER_LESSONS_UNLOAD_DELAY_MS] (default 2000)
  -h, --help                   show this help
`,
  'cluster create': `Usage: cluster-lessons-server cluster create --name NAME --leader NAME [options]

Creates a cluster, its schools and its leader. Prints JSON: the cluster id, the leader's
token (shown once; only its hash is stored) and one invite code per role.

Options:
  --data DIR            data directory [CLUSTER_LESSONS_DATA] (default ./data)
  --name NAME           the cluster's name
  --leader NAME         the cluster leader's name
  --school NAME         a school of the cluster; repeat for each school (the first is the hub)
  --leader-school NAME  the leader's school (default the first school)
  --invite-days N       days until the invite codes expire, 0 for never (default 30)
  --id ID               a fixed cluster id (lowercase letters, digits, dashes)
  -h, --help            show this help
`,
  'member revoke': `Usage: cluster-lessons-server member revoke --member ID [--data DIR]

Revokes a member's tokens. A running server on the same data directory closes their open
connections with 4401 within a second. Prints JSON { revoked, member }.

Options:
  --data DIR     data directory [CLUSTER_LESSONS_DATA] (default ./data)
  --member ID    the member's id (see "member list")
  -h, --help     show this help
`,
  'member list': `Usage: cluster-lessons-server member list --cluster ID [--data DIR]

Prints the active members of a cluster as JSON.

Options:
  --data DIR     data directory [CLUSTER_LESSONS_DATA] (default ./data)
  --cluster ID   the cluster's id
  -h, --help     show this help
`,
  'member device-code': `Usage: cluster-lessons-server member device-code --member ID [--hours N] [--data DIR]

Prints JSON { code, expiresAt, member }: a one-time code that signs the member in on another
device as themselves (the extension's "Join a Cluster" takes it like an invite code). Only its
hash is stored; it works beside a running server on the same data directory.

Options:
  --data DIR     data directory [CLUSTER_LESSONS_DATA] (default ./data)
  --member ID    the member's id (see "member list")
  --hours N      hours until the code expires, 1 to 72 (default 24)
  -h, --help     show this help
`,
  backup: `Usage: cluster-lessons-server backup --to FILE [--data DIR]

Copies the database with SQLite's online backup API: a consistent copy, also while the
server runs. To restore, stop the server and put the copy in an empty data directory as
cluster-lessons.sqlite.

Options:
  --data DIR     data directory [CLUSTER_LESSONS_DATA] (default ./data)
  --to FILE      the new file to write (must not exist)
  -h, --help     show this help
`,
};

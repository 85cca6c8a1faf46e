# shellcheck shell=bash disable=SC2034 # its variables are read by the scripts that source it
# Shared by tools/services/up, down and status: where things live, which ports
# they use, and small helpers. Sourced, never run. Every message goes to stderr
# so that `up` can keep stdout for the two URL lines.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

SERVICES_DIR=${SERVICES_DIR:-$REPO_ROOT/.services}
case $SERVICES_DIR in /*) ;; *) SERVICES_DIR=$PWD/$SERVICES_DIR ;; esac

PG_PORT=${PG_PORT:-54329}
PG_TIMEOUT=${PG_TIMEOUT:-60}
PG_DIR=$SERVICES_DIR/postgres
PG_DATA=$PG_DIR/data
PG_SOCKET_DIR=$PG_DIR/run
# A Unix socket path may not exceed 107 bytes; a deep checkout falls back to /tmp.
if ((${#PG_SOCKET_DIR} > 80)); then
	PG_SOCKET_DIR=/tmp/portal-pg-$(printf '%s' "$SERVICES_DIR" | sha1sum | cut -c1-12)
fi
PG_LOG=$PG_DIR/postgres.log
DATABASE_URL="postgres://portal:portal@127.0.0.1:$PG_PORT/portal"

ES_PORT=${ES_PORT:-9251}
ES_TRANSPORT_PORT=${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}
ES_NODES=${ES_NODES:-1}
ES_HEAP=${ES_HEAP:-512m}
ES_TIMEOUT=${ES_TIMEOUT:-120}
ES_CLUSTER=portal-local
ES_DIR=$SERVICES_DIR/elasticsearch
ES_RUN=$ES_DIR/run # one PID file per node, plus the running topology
ELASTICSEARCH_URL="http://127.0.0.1:$ES_PORT"

# Which search engines `up` starts: elasticsearch (the default), opensearch, or both.
SEARCH_ENGINES=${SEARCH_ENGINES:-elasticsearch}
SEARCH_ENGINES=${SEARCH_ENGINES//,/ }
# One OpenSearch node, away from the ports a 3-node Elasticsearch takes (9251-9253).
OS_PORT=${OS_PORT:-9261}
OS_TRANSPORT_PORT=${OS_TRANSPORT_PORT:-$((OS_PORT + 100))}
OS_HEAP=${OS_HEAP:-$ES_HEAP}
OS_CLUSTER=portal-local-opensearch
OS_DIR=$SERVICES_DIR/opensearch
OS_RUN=$OS_DIR/run
OPENSEARCH_URL="http://127.0.0.1:$OS_PORT"

JAVA17_HOME=/usr/lib/jvm/java-17-openjdk-amd64

# Redis: the shared cache (database 0) and the task queue's broker (database 1).
REDIS_PORT=${REDIS_PORT:-63799}
REDIS_DIR=$SERVICES_DIR/redis
REDIS_PID=$REDIS_DIR/redis.pid
REDIS_LOG=$REDIS_DIR/redis.log
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

log() { printf '[services] %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

require_int() { # name value
	[[ $2 =~ ^[0-9]+$ ]] || die "$1 must be a number, got '$2'"
}
require_int PG_PORT "$PG_PORT"
require_int ES_PORT "$ES_PORT"
require_int ES_TRANSPORT_PORT "$ES_TRANSPORT_PORT"
require_int ES_NODES "$ES_NODES"
require_int REDIS_PORT "$REDIS_PORT"
((ES_NODES >= 1)) || die "ES_NODES must be at least 1"
[[ $ES_HEAP =~ ^[0-9]+[kmgKMG]$ ]] || die "ES_HEAP must look like 512m or 1g, got '$ES_HEAP'"
require_int OS_PORT "$OS_PORT"
require_int OS_TRANSPORT_PORT "$OS_TRANSPORT_PORT"
[[ $OS_HEAP =~ ^[0-9]+[kmgKMG]$ ]] || die "OS_HEAP must look like 512m or 1g, got '$OS_HEAP'"
for engine in $SEARCH_ENGINES; do
	[[ $engine == elasticsearch || $engine == opensearch ]] ||
		die "SEARCH_ENGINES may name elasticsearch and opensearch, got '$engine'"
done
wants_engine() { # name
	[[ " $SEARCH_ENGINES " == *" $1 "* ]]
}

# Serialise up/down/status runs on one SERVICES_DIR (e.g. parallel make jobs).
take_lock() {
	mkdir -p "$SERVICES_DIR"
	exec 9>"$SERVICES_DIR/.lock"
	flock -w 600 9 || die "another tools/services command holds $SERVICES_DIR/.lock"
}

# PostgreSQL refuses to run as root, so as root its programs run as this user.
PG_OS_USER=postgres
if ((EUID == 0)); then PG_SUPERUSER=$PG_OS_USER; else PG_SUPERUSER=$(id -un); fi
as_pg_user() {
	if ((EUID == 0)); then
		(cd / && runuser -u "$PG_OS_USER" -- "$@")
	else
		(cd / && "$@")
	fi
}

# The bin directory of the PostgreSQL that owns $PG_DATA, else the newest one.
pg_bindir() {
	local dir version
	if [[ -r $PG_DATA/PG_VERSION ]]; then
		read -r version <"$PG_DATA/PG_VERSION"
		dir=/usr/lib/postgresql/$version/bin
		[[ -x $dir/pg_ctl ]] && { echo "$dir"; return 0; }
	fi
	for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5nr); do
		[[ -x $dir/initdb ]] && { echo "$dir"; return 0; }
	done
	return 1
}

pg_is_running() { # bindir
	[[ -f $PG_DATA/PG_VERSION ]] || return 1
	as_pg_user "$1/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# True if $1 is the PID of a node that this SERVICES_DIR started; guards
# against a stale PID file whose number now belongs to another process.
es_pid_is_ours() {
	local pid=$1
	[[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "LocalNode -basePath $ES_DIR/"
}

es_node_pid() { # node number; prints the PID if that node runs
	local pid
	pid=$(cat "$ES_RUN/node-$1.pid" 2>/dev/null) || return 1
	es_pid_is_ours "$pid" && echo "$pid"
}

# Sends TERM to every PID given, waits up to 60 s, then KILLs what is left.
stop_pids() {
	local pid waited=0
	(($#)) || return 0
	kill -TERM "$@" 2>/dev/null || true
	while ((waited < 120)); do
		for pid in "$@"; do
			kill -0 "$pid" 2>/dev/null && break
			pid=
		done
		[[ -z $pid ]] && return 0
		sleep 0.5
		((waited += 1))
	done
	log "still running after 60 s, killing: $*"
	kill -KILL "$@" 2>/dev/null || true
}

# Stops every Elasticsearch node recorded under $ES_RUN.
es_stop_all() {
	local file pid pids=()
	for file in "$ES_RUN"/node-*.pid; do
		[[ -e $file ]] || continue
		pid=$(cat "$file" 2>/dev/null) || continue
		es_pid_is_ours "$pid" && pids+=("$pid")
	done
	if ((${#pids[@]})); then
		log "stopping Elasticsearch (PIDs ${pids[*]})"
		stop_pids "${pids[@]}"
	fi
	rm -f "$ES_RUN"/node-*.pid "$ES_RUN/topology"
}

# The OpenSearch node's PID if it runs (a stale PID file is ignored, as above).
os_node_pid() {
	local pid
	pid=$(cat "$OS_RUN/node.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "LocalNode -basePath $OS_DIR/" || return 1
	echo "$pid"
}

os_stop() {
	local pid
	if pid=$(os_node_pid); then
		log "stopping OpenSearch (PID $pid)"
		stop_pids "$pid"
	fi
	rm -f "$OS_RUN/node.pid"
}

pg_stop() {
	local bindir pid
	[[ -f $PG_DATA/PG_VERSION ]] || return 0
	if bindir=$(pg_bindir); then
		pg_is_running "$bindir" || return 0
		log "stopping PostgreSQL"
		as_pg_user "$bindir/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop >&2 && return 0
	fi
	# No pg_ctl left (package removed?): the postmaster PID is line 1 of postmaster.pid.
	pid=$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null) || return 0
	[[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && stop_pids "$pid"
}

# Redis's configuration, as `up` writes it before each start. appendonly: every write
# goes to $REDIS_DIR/appendonlydir, fsynced each second, and is read back at start, so
# the task queue keeps its queued tasks through a restart (a crash loses at most the last
# second). No snapshots (save ""): the append-only file is the one copy.
redis_config() {
	cat <<-EOF
		# Written by tools/services/up before each start: edit redis_config in common.sh.
		bind 127.0.0.1
		port $REDIS_PORT
		protected-mode yes
		dir $REDIS_DIR
		pidfile $REDIS_PID
		logfile $REDIS_LOG
		daemonize yes
		save ""
		appendonly yes
		appendfsync everysec
		maxmemory 256mb
		maxmemory-policy volatile-lru
	EOF
}

# True if $1 is the PID of the redis-server that this SERVICES_DIR started.
redis_pid_is_ours() {
	local pid=$1
	[[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
	[[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$REDIS_DIR" ]] &&
		tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "redis-server"
}

redis_running_pid() { # prints the PID if our Redis runs
	local pid
	pid=$(cat "$REDIS_PID" 2>/dev/null) || return 1
	redis_pid_is_ours "$pid" && echo "$pid"
}

redis_stop() {
	local pid
	pid=$(redis_running_pid) || return 0
	log "stopping Redis (PID $pid)"
	stop_pids "$pid"
	rm -f "$REDIS_PID"
}

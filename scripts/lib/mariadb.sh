# shellcheck shell=bash
# A throwaway MariaDB server for the NukeViet importer's tests and benchmark:
# its own data folder, a Unix socket, no TCP port, no system service, no
# option file read (--no-defaults everywhere: /etc/mysql and /var/lib/mysql
# are never touched). Works as root and as any other user.
#
#   source scripts/lib/mariadb.sh
#   dir=$(mktemp -d)
#   trap 'mariadb_stop; rm -rf "$dir"' EXIT
#   mariadb_start "$dir"
#   mariadb_load nv_test nukeviet/tests/fixtures/schema-4.5.sql nukeviet/tests/fixtures/articles.sql
#   mariadb_readonly_user nv_test nv_reader secret
#   … mysql://nv_reader:secret@localhost/nv_test through the socket "$MARIADB_SOCKET"
#
# Functions:
#   mariadb_start DIR         installs a data folder in DIR/data (once) and starts
#                             the server in the background: DIR/sock, DIR/err.log,
#                             DIR/started.pid; exports MARIADB_SOCKET; sets MARIADB_PID
#                             and MARIADB_START_SECONDS (install + start, e.g. 0.85)
#   mariadb_stop              stops the server mariadb_start started (its PID only);
#                             safe to call twice, and from a trap
#   mariadb_load DB FILE...   creates DB (utf8mb4_unicode_ci) if missing and loads the
#                             SQL files in order as root, under the server's default
#                             (strict) sql_mode; any warning fails the load
#   mariadb_readonly_user DB USER PASS
#                             USER@localhost with SELECT on DB.* and nothing else
#   mariadb_root [ARGS...]    the mariadb client, as root, through the socket
#   mariadb_replace_bytes DB TABLE[,TABLE...] FROMHEX TOHEX
#                             writes bytes SQL cannot (text that is not UTF-8) into
#                             MyISAM tables' data files; see "replace-bytes" below
#
# mariadb_root, mariadb_load, mariadb_replace_bytes and mariadb_readonly_user
# need only MARIADB_SOCKET: they also serve a server started some other way
# (a Rust test's), on this machine, whose files this user may write:
#   MARIADB_SOCKET=$sock bash -c 'source scripts/lib/mariadb.sh && mariadb_load "$0" "$@"' nv_test a.sql b.sql
#
# Self-check (starts a server, loads the fixtures, checks the read-only user,
# stops it, prints the seconds taken):
#   bash scripts/lib/mariadb.sh --self-test
#
# Needs: mariadbd, mariadb-install-db, mariadb (Debian: mariadb-server-core
# mariadb-client-core), perl, bash 5.

MARIADB_PID=${MARIADB_PID:-}
MARIADB_DIR=${MARIADB_DIR:-}

# Options of both the install and the server. InnoDB's redo log is 96 MB by
# default, written in full at install: 4 MB makes the folder 22 MB, not 114.
# No native AIO: io_uring is refused in many containers.
_MARIADB_OPTS=(
  --innodb-log-file-size=4M
  --innodb-buffer-pool-size=32M
  --innodb-use-native-aio=0
)

# The first of the programs named, on PATH or in the sbin folders (a user's
# PATH often lacks /usr/sbin, where Debian puts mariadbd).
_mariadb_find() {
  local name dir
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
    for dir in /usr/sbin /usr/local/sbin /sbin /usr/libexec /usr/local/mysql/bin; do
      if [[ -x $dir/$name ]]; then
        echo "$dir/$name"
        return 0
      fi
    done
  done
  return 1
}

_mariadb_client() {
  _mariadb_find mariadb mysql || {
    echo "mariadb.sh: no mariadb client (Debian: apt-get install mariadb-client-core)" >&2
    return 1
  }
}

# Microseconds since the epoch.
_mariadb_now_us() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    echo "${EPOCHREALTIME//[!0-9]/}"
  else
    echo $(($(date +%s%N) / 1000))
  fi
}

# "1.234" from a number of microseconds.
_mariadb_seconds() {
  printf '%d.%03d' $(($1 / 1000000)) $(($1 % 1000000 / 1000))
}

# Whether PID runs (a zombie, exited but not yet reaped, does not).
_mariadb_alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  if [[ -r /proc/$1/stat ]]; then
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
  fi
}

# Whether PID is the server of data folder DIR (and not another process that
# got the number since).
_mariadb_ours() {
  local pid=$1 dir=$2 args
  if [[ -r /proc/$pid/cmdline ]]; then
    args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  else
    args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  fi
  [[ $args == *"--datadir=$dir/data "* ]]
}

# Names that reach SQL unquoted: letters, digits, _.
_mariadb_name() {
  if [[ ! $2 =~ ^[A-Za-z0-9_]{1,64}$ ]]; then
    echo "mariadb.sh: $1 name ${2@Q}: only letters, digits and _" >&2
    return 1
  fi
}

mariadb_start() {
  local dir=${1:?usage: mariadb_start DIR}
  if [[ -n $MARIADB_PID ]] && _mariadb_alive "$MARIADB_PID"; then
    echo "mariadb_start: a server is already running (pid $MARIADB_PID, $MARIADB_DIR)" >&2
    return 1
  fi
  mkdir -p "$dir" && dir=$(cd "$dir" && pwd -P) || return 1
  local sock=$dir/sock
  if ((${#sock} > 100)); then
    echo "mariadb_start: $sock is too long for a Unix socket: use a shorter DIR" >&2
    return 1
  fi
  if [[ -f $dir/started.pid ]]; then
    local old
    old=$(<"$dir/started.pid")
    if [[ $old =~ ^[0-9]+$ ]] && _mariadb_alive "$old" && _mariadb_ours "$old" "$dir"; then
      echo "mariadb_start: $dir already has a running server (pid $old)" >&2
      return 1
    fi
  fi
  local mariadbd install client
  mariadbd=$(_mariadb_find mariadbd mysqld) || {
    echo "mariadb_start: no mariadbd (Debian: apt-get install mariadb-server-core mariadb-client-core)" >&2
    return 1
  }
  install=$(_mariadb_find mariadb-install-db mysql_install_db) || {
    echo "mariadb_start: no mariadb-install-db (Debian: apt-get install mariadb-server-core)" >&2
    return 1
  }
  client=$(_mariadb_client) || return 1
  # mariadbd refuses to run as root unless told to; any other user runs it
  # as itself (and --user is for root only).
  local user=()
  if [[ $(id -u) == 0 ]]; then
    user=(--user=root)
  fi
  local t0
  t0=$(_mariadb_now_us)
  # A temporary folder of its own: servers installed at once share nothing.
  mkdir -p "$dir/tmp" || return 1
  if [[ ! -d $dir/data/mysql ]]; then
    # --no-defaults must come first. A root that logs in without a password
    # ("normal"), whoever the system user is.
    if ! "$install" --no-defaults "${user[@]}" --auth-root-authentication-method=normal \
      --skip-test-db --datadir="$dir/data" --tmpdir="$dir/tmp" "${_MARIADB_OPTS[@]}" >"$dir/install.log" 2>&1; then
      echo "mariadb_start: mariadb-install-db failed ($dir/install.log):" >&2
      cat "$dir/install.log" >&2
      return 1
    fi
  fi
  rm -f "$sock"
  "$mariadbd" --no-defaults "${user[@]}" --datadir="$dir/data" --socket="$sock" --skip-networking \
    --pid-file="$dir/pid" --log-error="$dir/err.log" --tmpdir="$dir/tmp" "${_MARIADB_OPTS[@]}" </dev/null >>"$dir/out.log" 2>&1 &
  MARIADB_PID=$!
  MARIADB_DIR=$dir
  echo "$MARIADB_PID" >"$dir/started.pid"
  export MARIADB_SOCKET=$sock
  # Ready when root can run a query, in 20 s at the most.
  local deadline=$((t0 + 20000000))
  while :; do
    if [[ -S $sock ]] && "$client" --no-defaults --socket="$sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
      break
    fi
    if ! _mariadb_alive "$MARIADB_PID"; then
      echo "mariadb_start: mariadbd exited ($dir/err.log):" >&2
      cat "$dir/err.log" "$dir/out.log" >&2 2>/dev/null || true
      { wait "$MARIADB_PID"; } 2>/dev/null || true
      MARIADB_PID=""
      rm -f "$dir/started.pid"
      return 1
    fi
    if (($(_mariadb_now_us) > deadline)); then
      echo "mariadb_start: not ready after 20 s ($dir/err.log):" >&2
      cat "$dir/err.log" >&2 2>/dev/null || true
      mariadb_stop
      return 1
    fi
    sleep 0.05
  done
  MARIADB_START_SECONDS=$(_mariadb_seconds $(($(_mariadb_now_us) - t0)))
  return 0
}

mariadb_stop() {
  local pid=${MARIADB_PID:-} dir=${MARIADB_DIR:-}
  if [[ -z $pid && -n $dir && -f $dir/started.pid ]]; then
    pid=$(<"$dir/started.pid")
  fi
  if [[ -z $pid || ! $pid =~ ^[0-9]+$ ]]; then
    MARIADB_PID=""
    return 0
  fi
  if _mariadb_alive "$pid" && _mariadb_ours "$pid" "$dir"; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 200; i++)); do
      _mariadb_alive "$pid" || break
      sleep 0.05
    done
    if _mariadb_alive "$pid"; then
      echo "mariadb_stop: pid $pid still running after 10 s: killed" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        _mariadb_alive "$pid" || break
        sleep 0.05
      done
    fi
  fi
  # Reaped when it is this shell's child; nothing otherwise.
  if ! _mariadb_alive "$pid"; then
    { wait "$pid"; } 2>/dev/null || true
  fi
  MARIADB_PID=""
  if [[ -n $dir ]]; then
    rm -f "$dir/started.pid"
  fi
  return 0
}

mariadb_root() {
  local client
  client=$(_mariadb_client) || return 1
  "$client" --no-defaults --socket="${MARIADB_SOCKET:?mariadb_start first}" -uroot \
    --default-character-set=utf8mb4 "$@"
}

# A fixture line
#   -- mariadb_load: replace-bytes TABLE[,TABLE...] FROMHEX TOHEX
# has mariadb_load call mariadb_replace_bytes once the file is loaded.
mariadb_load() {
  local db=${1:?usage: mariadb_load DB FILE...}
  shift
  _mariadb_name database "$db" || return 1
  mariadb_root -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || return 1
  local file out line
  for file in "$@"; do
    if [[ ! -r $file ]]; then
      echo "mariadb_load: cannot read $file" >&2
      return 1
    fi
    if ! out=$(mariadb_root --batch --show-warnings "$db" <"$file" 2>&1); then
      echo "mariadb_load: $file:" >&2
      printf '%s\n' "$out" >&2
      return 1
    fi
    if grep -qE '^(Warning|Error) ' <<<"$out"; then
      echo "mariadb_load: $file loads with warnings:" >&2
      printf '%s\n' "$out" >&2
      return 1
    fi
    if [[ -n $out ]]; then
      printf '%s\n' "$out"
    fi
    while IFS= read -r line; do
      if [[ $line =~ ^--\ mariadb_load:\ replace-bytes\ ([A-Za-z0-9_,]+)\ ([0-9A-Fa-f]+)\ ([0-9A-Fa-f]+)[[:space:]]*$ ]]; then
        mariadb_replace_bytes "$db" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" || {
          echo "mariadb_load: $file: $line" >&2
          return 1
        }
      else
        echo "mariadb_load: $file: not understood: $line" >&2
        return 1
      fi
    done < <(grep -E '^-- mariadb_load:' "$file")
  done
}

# Replaces the bytes FROMHEX, found exactly once in each TABLE's MyISAM data
# file (DB/TABLE.MYD), by TOHEX of the same length, then rebuilds the
# table's indexes from its data (REPAIR TABLE ... QUICK) and checks it.
# What it is for: bytes that are not UTF-8 in a utf8mb4 column, as an old
# portal's database can hold them. MariaDB takes no such bytes through SQL
# (strict: ERROR 1366; otherwise they become '?'), but sends what a table
# holds as it is.
mariadb_replace_bytes() {
  local db=${1:?usage: mariadb_replace_bytes DB TABLE[,TABLE...] FROMHEX TOHEX} tables=${2:?} from=${3:?} to=${4:?}
  _mariadb_name database "$db" || return 1
  if ((${#from} != ${#to} || ${#from} % 2 != 0)) || [[ ! $from$to =~ ^[0-9A-Fa-f]+$ ]]; then
    echo "mariadb_replace_bytes: FROMHEX and TOHEX must be hex of the same length" >&2
    return 1
  fi
  local datadir table engine file result out
  datadir=$(mariadb_root -N -B -e 'SELECT @@datadir') || return 1
  for table in ${tables//,/ }; do
    _mariadb_name table "$table" || return 1
    engine=$(mariadb_root -N -B -e "SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA='$db' AND TABLE_NAME='$table'") || return 1
    if [[ $engine != MyISAM ]]; then
      echo "mariadb_replace_bytes: $db.$table is ${engine:-missing}, not MyISAM" >&2
      return 1
    fi
    # Closed by the server, so its next use reads the file again.
    mariadb_root "$db" -e "FLUSH TABLES \`$table\`" || return 1
    file=${datadir%/}/$db/$table.MYD
    perl -e '
      my ($file, $from, $to) = @ARGV;
      ($from, $to) = (pack("H*", $from), pack("H*", $to));
      open(my $fh, "+<:raw", $file) or die "$file: $!\n";
      my $data = do { local $/; <$fh> };
      my $at = index($data, $from);
      die "$file: the bytes are not there\n" if $at < 0;
      die "$file: the bytes are there more than once\n" if index($data, $from, $at + 1) >= 0;
      seek($fh, $at, 0) or die "$file: $!\n";
      print $fh $to or die "$file: $!\n";
      close($fh) or die "$file: $!\n";
    ' "$file" "$from" "$to" || return 1
    for result in "REPAIR TABLE \`$table\` QUICK" "CHECK TABLE \`$table\`"; do
      out=$(mariadb_root -N -B "$db" -e "$result") || return 1
      if [[ $(tail -n 1 <<<"$out" | cut -f 4) != OK ]]; then
        echo "mariadb_replace_bytes: $result:" >&2
        printf '%s\n' "$out" >&2
        return 1
      fi
    done
  done
}

mariadb_readonly_user() {
  local db=${1:?usage: mariadb_readonly_user DB USER PASS} user=${2:?usage: mariadb_readonly_user DB USER PASS}
  local pass=${3?usage: mariadb_readonly_user DB USER PASS}
  _mariadb_name database "$db" || return 1
  _mariadb_name user "$user" || return 1
  # A string literal under the default sql_mode: \ and ' escaped.
  pass=${pass//\\/\\\\}
  pass=${pass//\'/\'\'}
  mariadb_root -e "CREATE OR REPLACE USER '$user'@'localhost' IDENTIFIED BY '$pass';
GRANT SELECT ON \`$db\`.* TO '$user'@'localhost';"
}

_mariadb_self_test() {
  set -euo pipefail
  local here root fixtures started tmp
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  root=$(cd "$here/../.." && pwd)
  fixtures=$root/nukeviet/tests/fixtures
  started=$(_mariadb_now_us)
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mariadb.XXXXXX")
  # shellcheck disable=SC2064 # the folder's name now, not at exit
  trap "mariadb_stop; rm -rf '$tmp'" EXIT
  local failures=0
  check() { # WHAT EXPECTED ACTUAL
    if [[ $2 == "$3" ]]; then
      printf '  ok    %s\n' "$1"
    else
      printf '  FAIL  %s: expected %s, got %s\n' "$1" "${2@Q}" "${3@Q}"
      failures=$((failures + 1))
    fi
  }

  mariadb_start "$tmp"
  echo "mariadb_start: ${MARIADB_START_SECONDS} s (pid $MARIADB_PID, $MARIADB_SOCKET)"
  local t0
  t0=$(_mariadb_now_us)
  mariadb_load nv_test "$fixtures/schema-4.5.sql" "$fixtures/articles.sql"
  mariadb_load nv_test40 "$fixtures/schema-4.0.sql" "$fixtures/articles-4.0.sql"
  echo "mariadb_load: $(_mariadb_seconds $(($(_mariadb_now_us) - t0))) s (both fixtures)"
  local pass="đọc'chỉ\\thôi"
  mariadb_readonly_user nv_test nv_reader "$pass"
  local client
  client=$(_mariadb_client)
  reader() {
    "$client" --no-defaults --socket="$MARIADB_SOCKET" -unv_reader -p"$pass" \
      --default-character-set=utf8mb4 -N -B "$@"
  }
  q() { reader nv_test -e "$1"; }

  check "default sql_mode is strict" 1 "$(mariadb_root -N -B -e "SELECT @@GLOBAL.sql_mode LIKE '%STRICT_TRANS_TABLES%'")"
  check "database collation" utf8mb4_unicode_ci "$(q 'SELECT @@collation_database')"
  check "article rows" 66 "$(q 'SELECT COUNT(*) FROM nv4_vi_news_rows')"
  check "bodies" 66 "$(q 'SELECT COUNT(*) FROM nv4_vi_news_rows r JOIN nv4_vi_news_detail d USING (id)')"
  check "published at now (status 1, publtime <= now, not expired, category on)" 62 \
    "$(q 'SELECT COUNT(*) FROM nv4_vi_news_rows r JOIN nv4_vi_news_cat c USING (catid)
          WHERE r.status = 1 AND r.publtime <= 1717200000 AND (r.exptime = 0 OR r.exptime > 1717200000)
          AND c.status IN (1, 2)')"
  local catid copies expected
  for catid in 1 2 3 4 5 6 7; do
    expected=$(q "SELECT COUNT(*) FROM nv4_vi_news_rows WHERE FIND_IN_SET($catid, listcatid) > 0")
    copies=$(q "SELECT COUNT(*) FROM nv4_vi_news_$catid NATURAL JOIN nv4_vi_news_rows")
    check "nv4_vi_news_$catid holds the rows of category $catid ($expected)" "$expected $expected" \
      "$copies $(q "SELECT COUNT(*) FROM nv4_vi_news_$catid")"
  done
  check "row 10's title as stored (hex)" 4CE1BB9769206DC3A320686FC3A120C3282074726F6E67207469C3AA7520C491E1BB81 \
    "$(q 'SELECT HEX(title) FROM nv4_vi_news_rows WHERE id = 10')"
  check "row 10's title as a utf8mb4 client receives it" "$(printf 'L\xe1\xbb\x97i m\xc3\xa3 ho\xc3\xa1 \xc3( trong ti\xc3\xaau \xc4\x91\xe1\xbb\x81' | od -An -tx1)" \
    "$(q 'SELECT title FROM nv4_vi_news_rows WHERE id = 10' | head -c -1 | od -An -tx1)"
  check "row 10's copy in nv4_vi_news_1" C328 "$(q "SELECT IF(LOCATE(UNHEX('C328'), BINARY title) > 0, 'C328', HEX(title)) FROM nv4_vi_news_1 WHERE id = 10")"
  check "row 9's body (bytes)" 10580000 "$(q 'SELECT LENGTH(bodyhtml) FROM nv4_vi_news_detail WHERE id = 9')"
  check "online at now (onl_time >= now - 300)" 12 "$(q 'SELECT COUNT(*) FROM nv4_sessions WHERE onl_time >= 1717200000 - 300')"
  check "site name" "Cổng thông tin điện tử tỉnh Lai Châu" \
    "$(q "SELECT config_value FROM nv4_config WHERE lang = 'vi' AND module = 'global' AND config_name = 'site_name'")"
  local counter
  counter=$(q "SELECT CONCAT_WS(' ',
      (SELECT c_count FROM nv4_counter WHERE c_type = 'total' AND c_val = 'hits'),
      (SELECT c_count FROM nv4_counter WHERE c_type = 'year' AND c_val = '2024'),
      (SELECT c_count FROM nv4_counter WHERE c_type = 'month' AND c_val = 'Jun'),
      (SELECT c_count FROM nv4_counter WHERE c_type = 'day' AND c_val = '01'),
      (SELECT c_count FROM nv4_counter WHERE c_type = 'day' AND c_val = '31'))")
  check "counter: total, year 2024, Jun, day 01, day 31" "82126883 660790 229955 6051 6608" "$counter"
  local refused
  refused=$(q "INSERT INTO nv4_config VALUES ('vi', 'x', 'y', 'z')" 2>&1 || true)
  check "INSERT as the read-only user is refused" "INSERT command denied" "$(grep -o 'INSERT command denied' <<<"$refused")"
  refused=$(q "UPDATE nv4_vi_news_rows SET hitstotal = 0" 2>&1 || true)
  check "UPDATE as the read-only user is refused" "UPDATE command denied" "$(grep -o 'UPDATE command denied' <<<"$refused")"
  refused=$(reader nv_test40 -e 'SELECT 1' 2>&1 || true)
  check "another database is closed to the read-only user" "Access denied" "$(grep -o 'Access denied' <<<"$refused" | head -1)"
  check "4.0 fixture: rows" 4 "$(mariadb_root -N -B nv_test40 -e 'SELECT COUNT(*) FROM nv4_vi_news_rows')"
  check "4.0 fixture: _cat has no status column" 0 \
    "$(mariadb_root -N -B -e "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'nv_test40' AND TABLE_NAME = 'nv4_vi_news_cat' AND COLUMN_NAME = 'status'")"

  local pid=$MARIADB_PID
  t0=$(_mariadb_now_us)
  mariadb_stop
  echo "mariadb_stop: $(_mariadb_seconds $(($(_mariadb_now_us) - t0))) s"
  check "the server is gone" gone "$(_mariadb_alive "$pid" && echo "pid $pid runs" || echo gone)"
  mariadb_stop # twice: nothing to do
  echo "self-test: $(_mariadb_seconds $(($(_mariadb_now_us) - started))) s, $failures failed"
  ((failures == 0))
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  case ${1:-} in
    --self-test) _mariadb_self_test ;;
    *)
      echo "usage: bash ${BASH_SOURCE[0]} --self-test (or source it: see the functions at its top)" >&2
      exit 2
      ;;
  esac
fi

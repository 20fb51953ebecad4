# Sourced by .ci/run: a throwaway PostgreSQL server for the store tests.
#
# start_postgres starts one from Debian's package (installed when missing and CI may install it)
# in a temporary folder, listening only on a unix socket there, and exports the URL the store
# tests read (CONFLICTSCOPE_TEST_POSTGRES); stop_postgres stops it and removes the folder.
# initdb refuses to run as root, so as root the server runs as the `postgres` user.

pg_home=""
pg_bin=""
pg_as=""

_pg_bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

_pg_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    local as_root=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        as_root="sudo -n"
    fi
    { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq \
        postgresql >/dev/null; } 2>&1 | tail -n 3 >&2
}

_pg() {   # run a PostgreSQL program as the server's owner
    if [ -n "$pg_as" ]; then
        runuser -u "$pg_as" -- "$pg_bin/$1" "${@:2}"
    else
        "$pg_bin/$1" "${@:2}"
    fi
}

start_postgres() {
    pg_bin="$(_pg_bindir)"
    if [ -z "$pg_bin" ]; then
        _pg_install || true
        pg_bin="$(_pg_bindir)"
    fi
    [ -n "$pg_bin" ] || { echo "ci: PostgreSQL is not installed and could not be installed" >&2; return 1; }
    pg_home="$(mktemp -d "${TMPDIR:-/tmp}/conflictscope-pg.XXXXXX")"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "ci: running as root without a postgres user" >&2; return 1; }
        pg_as=postgres
        chown postgres "$pg_home"
    fi
    chmod 700 "$pg_home"
    _pg initdb -D "$pg_home/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_home/initdb.log" 2>&1 \
        || { echo "ci: initdb failed:" >&2; tail -n 5 "$pg_home/initdb.log" >&2; return 1; }
    # no TCP port: the socket lives in the private folder, so parallel CI runs cannot collide
    _pg pg_ctl -D "$pg_home/data" -l "$pg_home/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $pg_home -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null \
        || { echo "ci: the PostgreSQL server did not start:" >&2; tail -n 5 "$pg_home/server.log" >&2; return 1; }
    _pg createdb -h "$pg_home" -U postgres conflictscope_test \
        || { echo "ci: could not create the test database" >&2; return 1; }
    export CONFLICTSCOPE_TEST_POSTGRES="postgresql+psycopg://postgres@/conflictscope_test?host=$pg_home"
}

stop_postgres() {
    if [ -n "$pg_home" ] && [ -d "$pg_home/data" ]; then
        _pg pg_ctl -D "$pg_home/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [ -n "$pg_home" ] && rm -rf "$pg_home"
    pg_home=""
}

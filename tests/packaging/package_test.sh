#!/usr/bin/env bash
# The Debian package, end to end: build the .deb with cpack into a temporary directory,
# check its control fields and contents, install it with apt-get, run the installed
# /usr/bin/dy-gateway (--version; --headless --demo answering /health; SIGTERM ends it
# with exit code 0), then remove the package again.
#
#   package_test.sh BUILD_DIR VERSION
#
# Changes the system, so it needs root: without, it exits 77 (ctest: skipped) on a developer's
# machine, and fails when CI is set (every CI system sets it), as CI runs as root and a skip
# there would pass unseen. A missing tool always fails: packaging/install-deps.sh installs
# them all. A dy-gateway package already installed is removed first, so every run tests a
# fresh install, and is not there afterwards. One run at a time per machine (a lock), as
# worktrees share /usr.
set -euo pipefail

build_dir=$1
version=$2

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
    [ -z "${CI:-}" ] || fail "installing a package needs root, and CI=$CI does not skip tests"
    skip "installing a package needs root"
fi
for tool in apt-get dpkg dpkg-deb cpack flock python3 desktop-file-validate appstreamcli \
    systemd-analyze; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (run packaging/install-deps.sh)"
done
[ -f "$build_dir/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build_dir"

exec 9>/var/lock/dy-gateway-package-test.lock
flock --wait 900 9 || fail "another package test holds /var/lock/dy-gateway-package-test.lock"

export DEBIAN_FRONTEND=noninteractive
apt_options=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)

tmp=$(mktemp -d /tmp/dygw-package-test.XXXXXX)
chmod 755 "$tmp" # apt reads the .deb as its own user
gateway_pid=
is_installed() { dpkg-query -W -f='${Status}' dy-gateway 2>/dev/null | grep -q 'ok installed'; }
remove_package() {
    apt-get remove "${apt_options[@]}" dy-gateway >"$tmp/remove.log" 2>&1 \
        || { cat "$tmp/remove.log"; return 1; }
}
cleanup() {
    if [ -n "$gateway_pid" ]; then kill -KILL "$gateway_pid" 2>/dev/null || true; fi
    if is_installed; then remove_package || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------
if ! cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log"
    fail "cpack -G DEB failed"
fi
debs=("$tmp"/pkg/dy-gateway_"$version"_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { ls -l "$tmp/pkg"; fail "no dy-gateway_${version}_*.deb"; }
deb=${debs[0]}
echo "built:     $(basename "$deb") ($(( $(stat -c %s "$deb") / 1024 )) KiB)"

# --- control fields ---------------------------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = dy-gateway ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), expected $version"
depends=$(field Depends)
echo "Depends:   $depends"
# From dpkg-shlibdeps, then the run-time plugins and the font listed by hand.
for needed in libqt6core6 libqt6multimedia6 libqt6httpserver6 libssl3 'libzxing[0-9]*' \
    libqt6gui6 libqt6sql6-sqlite qt6-image-formats-plugins gstreamer1.0-plugins-base \
    gstreamer1.0-plugins-good fonts-wqy-microhei 'libqt6keychain[0-9]*' libsecret-1-0; do
    grep -Eq "(^|[ ,|])$needed([ ,(]|$)" <<<"$depends" || fail "Depends lacks $needed"
done
for name in Maintainer Section Description; do
    [ -n "$(field "$name")" ] || fail "no $name field"
done

# --- contents ---------------------------------------------------------------------------
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/contents"
expect_file() { grep -qx "$1" "$tmp/contents" || fail "the package lacks $1"; }
expect_file /usr/bin/dy-gateway
expect_file /usr/lib/systemd/system/dy-gateway.service
expect_file /usr/share/icons/hicolor/scalable/apps/dy-gateway.svg
for n in 16 22 24 32 48 64 128 256; do
    expect_file "/usr/share/icons/hicolor/${n}x${n}/apps/dy-gateway.png"
done
desktop=$(grep -E '^/usr/share/applications/[^/]+\.desktop$' "$tmp/contents") \
    || fail "the package has no desktop entry"
metainfo=$(grep -E '^/usr/share/metainfo/[^/]+\.metainfo\.xml$' "$tmp/contents") \
    || fail "the package has no AppStream metainfo"
echo "contents:  $(wc -l <"$tmp/contents") paths, $(basename "$desktop"), $(basename "$metainfo")"

# --- install ----------------------------------------------------------------------------
if is_installed; then
    echo "note:      removing the dy-gateway package that was installed before this test"
    remove_package || fail "could not remove the installed dy-gateway"
fi
if ! apt-get install "${apt_options[@]}" "$deb" >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    fail "apt-get install $deb failed"
fi
is_installed || fail "dy-gateway is not installed after apt-get install"
[ -x /usr/bin/dy-gateway ] || fail "/usr/bin/dy-gateway is missing"
echo "installed: $(dpkg-query -W -f='${Package} ${Version} ${Architecture}' dy-gateway)"

# Installed metadata is well-formed.
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
appstreamcli validate --no-net "$metainfo" >"$tmp/appstream.log" 2>&1 \
    || { cat "$tmp/appstream.log"; fail "appstreamcli validate $metainfo"; }
# It exits 0 on settings it ignores: any line about the unit is a failure.
unit=/usr/lib/systemd/system/dy-gateway.service
if ! systemd-analyze verify "$unit" >"$tmp/verify.log" 2>&1 || grep -q "$unit" "$tmp/verify.log"; then
    cat "$tmp/verify.log"
    fail "systemd-analyze verify $unit"
fi
echo "validated: desktop-file-validate, appstreamcli validate, systemd-analyze verify"

# --- run the installed program ----------------------------------------------------------
# The test's own HOME and XDG dirs: nothing touches the real user's settings or data.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_HOME="$tmp/home/data" \
    XDG_RUNTIME_DIR="$tmp/home/runtime" QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
unset DYGW_ADMIN_TOKEN DYGW_LISTEN DYGW_DATA_DIR DYGW_DOUYIN_CLIENT_KEY DYGW_DOUYIN_CLIENT_SECRET
# Nor the user's keychain: no session bus, so the master key is the file.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY DYGW_KEY_STORE
cd "$tmp"

version_line=$(/usr/bin/dy-gateway --version)
[ "$version_line" = "dy-gateway $version" ] || fail "--version printed '$version_line'"
echo "--version: $version_line"

/usr/bin/dy-gateway --headless --demo --listen 127.0.0.1:0 --data-dir "$tmp/data" \
    --config "$tmp/dy-gateway.ini" >"$tmp/stdout" 2>"$tmp/stderr" &
gateway_pid=$!
url=
for _ in $(seq 1 300); do
    url=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9][0-9]*\)$|\1|p' "$tmp/stdout")
    [ -n "$url" ] && break
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    cat "$tmp/stdout" "$tmp/stderr"
    fail "the installed gateway did not print 'listening on http://127.0.0.1:PORT'"
fi
grep -Eq '^sandbox listening on http://127\.0\.0\.1:[0-9]+$' "$tmp/stdout" \
    || { cat "$tmp/stdout"; fail "no 'sandbox listening on' line in demo mode"; }
echo "headless:  $(tr '\n' ' ' <"$tmp/stdout" | sed 's/admin token: [^ ]*/admin token: …/')"

health=$(python3 - "$url/health" "$version" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as answer:
    status, body = answer.status, json.load(answer)
if status != 200 or body.get("status") != "ok" or body.get("version") != sys.argv[2]:
    sys.exit(f"/health answered {status}: {body}")
# No session bus here: the master key is the file (README, "Where the master key lives").
if body.get("secrets") != "file":
    sys.exit(f"/health secrets: {body.get('secrets')}, expected file")
print(f"{status} status={body['status']} version={body['version']} database={body.get('database')} secrets={body['secrets']}")
PY
) || { cat "$tmp/stderr"; fail "GET $url/health"; }
echo "/health:   $health"

kill -TERM "$gateway_pid"
code=0
wait "$gateway_pid" || code=$?
gateway_pid=
[ "$code" -eq 0 ] || { cat "$tmp/stderr"; fail "exit code $code after SIGTERM, expected 0"; }
echo "SIGTERM:   exit code 0"

# --- remove -----------------------------------------------------------------------------
remove_package || fail "apt-get remove dy-gateway failed"
! is_installed || fail "dy-gateway is still installed after apt-get remove"
[ ! -e /usr/bin/dy-gateway ] || fail "/usr/bin/dy-gateway is still there after apt-get remove"
echo "removed:   apt-get remove dy-gateway"
echo "PASS: package test"

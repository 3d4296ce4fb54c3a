#!/usr/bin/env bash
# Installs what a Debian 12 machine lacks to build, test and run dy-gateway.
# A no-op (no apt calls at all) when everything is already there.
set -euo pipefail

PACKAGES=(
    # build
    cmake ninja-build g++ ccache pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-svg-dev libqt6sql6-sqlite libzxing-dev libssl-dev libgl-dev
    # chain mode: the PostgreSQL driver, and the server the tests start themselves
    libqt6sql6-psql postgresql
    # run: image formats for pasted screenshots, camera/sound backend, a CJK font
    qt6-image-formats-plugins gstreamer1.0-plugins-base gstreamer1.0-plugins-good
    fonts-wqy-microhei
    # package: cpack's DEB dependencies (dpkg-shlibdeps, file); the package test's request
    # (python3) and its validators of the installed desktop entry, AppStream metainfo and
    # systemd unit, which it fails without rather than skip the checks
    dpkg-dev file python3 desktop-file-utils appstream systemd
    # test: an X server for GUI tests that need one; clang and its runtime for the fuzzer
    xvfb clang libclang-rt-14-dev
    # store integrations: the OS keychain (QtKeychain) and a real Secret Service with its
    # session bus for the keychain test; pdftotext/pdftoppm for the printed slips; promtool
    # to check the /metrics exposition
    qtkeychain-qt6-dev gnome-keyring dbus dbus-x11 libsecret-tools poppler-utils prometheus
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} packages present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

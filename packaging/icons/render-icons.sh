#!/usr/bin/env bash
# Renders the app icon from dy-gateway.svg into the files the packages install or embed:
#   packaging/icons/hicolor/<N>x<N>/apps/dy-gateway.png   Linux (freedesktop icon theme)
#   packaging/windows/dy-gateway.ico                      Windows (exe resource, installer)
#   packaging/macos/dy-gateway.icns                       macOS (app bundle)
# The outputs are committed; run this after editing the SVG. Needs (Debian):
#   apt-get install --no-install-recommends librsvg2-bin icoutils icnsutils
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
svg="$here/dy-gateway.svg"
packaging="$(dirname "$here")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

render() { rsvg-convert --width "$1" --height "$1" --format png "$svg" --output "$2"; }

for n in 16 22 24 32 48 64 128 256; do
    mkdir -p "$here/hicolor/${n}x${n}/apps"
    render "$n" "$here/hicolor/${n}x${n}/apps/dy-gateway.png"
done

for n in 16 24 32 48 64 128 256 512 1024; do
    render "$n" "$tmp/$n.png"
done

# Windows: classic BMP entries up to 64 px, PNG-compressed ones for 128 and 256 (Vista+).
icotool --create --output="$packaging/windows/dy-gateway.ico" \
    "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" \
    --raw="$tmp/128.png" --raw="$tmp/256.png"

# macOS: png2icns picks the icon type from each image's size.
png2icns "$packaging/macos/dy-gateway.icns" \
    "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" \
    "$tmp/1024.png" >/dev/null

echo "render-icons: wrote hicolor PNGs, dy-gateway.ico and dy-gateway.icns"

#!/usr/bin/env bash
# Install the system packages the tests need that a fresh Debian machine lacks: Chromium for the
# browser tests and the printable edition, make, poppler-utils (pdftoppm and pdftotext, to check the
# PDFs) and a Japanese font (Noto CJK, so that Japanese terms print). Needs root (or sudo); does
# nothing when everything is present.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v make >/dev/null || missing+=(make)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system dependencies present: chromium, make, poppler-utils, a Japanese font"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null

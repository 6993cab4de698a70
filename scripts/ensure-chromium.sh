#!/bin/sh
# Install Debian's chromium for tests/test_browser.py when it is missing and we can (root with apt-get).
# Anywhere else this only says what is missing: the browser tests then skip, or fail under CI.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: installing chromium with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "ensure-chromium: /usr/bin/chromium is missing and this is not root with apt-get; browser tests will not run" >&2
fi

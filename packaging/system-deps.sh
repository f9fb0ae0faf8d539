# Shared by tests/run and packaging/run: the system packages Samtal needs on Debian/Ubuntu and how to get them.
# Source this file; it defines arrays and functions and changes nothing by itself.

# Enough for Qt to import and draw (offscreen or on a real display). See reference/platform-notes.
SAMTAL_QT_RUNTIME_PKGS=(
  libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libxkbcommon0 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
)
# Only for the test suite: a virtual X screen and synthetic keys for the end-to-end test,
# and a real Secret Service on a private D-Bus for the keyring test.
SAMTAL_TEST_PKGS=(xvfb xauth xdotool gnome-keyring dbus dbus-x11)

_missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s\n' "$p"
  done
}

# ensure_system_packages PKG...: install what is missing with apt-get when root; otherwise print the command.
ensure_system_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo ">> not a Debian/Ubuntu system: make sure Qt 6's runtime libraries are installed" >&2
    return 0
  fi
  local missing
  mapfile -t missing < <(_missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo ">> apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
      apt-get update -q >/dev/null
      apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo ">> sudo apt-get install ${missing[*]}"
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
      sudo apt-get update -q >/dev/null
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    }
  else
    echo "!! missing system packages; run:" >&2
    echo "   sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
}

# pick_python: print a Python 3.11-3.13 interpreter that can create a virtualenv (installing python3-venv if needed).
pick_python() {
  local c
  for c in "${SAMTAL_PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$c" ] || continue
    command -v "$c" >/dev/null 2>&1 || continue
    if "$c" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' 2>/dev/null; then
      if ! "$c" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        local v
        v=$("$c" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        ensure_system_packages "python$v-venv" >&2 || true
      fi
      command -v "$c"
      return 0
    fi
  done
  echo "!! Samtal needs Python 3.11, 3.12 or 3.13 (apt-get install python3 python3-venv)" >&2
  return 1
}

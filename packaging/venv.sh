# Shared by tests/run and packaging/run: a virtualenv holding exactly the versions of a lock file, and Samtal.
# Source this file (after system-deps.sh); it defines locked_venv and changes nothing by itself.

# locked_venv PYTHON VENV LOCK [OR_LOCK...]: make VENV (created with PYTHON if missing) hold exactly the pins of
# LOCK for this Python and platform, and Samtal itself (editable). A VENV last installed from one of the
# OR_LOCKs is kept up to date with that one instead. Does nothing when neither the lock nor pyproject.toml
# changed since the last time; otherwise prints one line, and pip's own output only when something fails.
locked_venv() {
  local py=$1 venv=$2 lock=$3 other
  shift 3
  if [ ! -x "$venv/bin/python" ]; then
    echo ">> creating virtualenv $venv with $py"
    "$py" -m venv "$venv"
  fi
  local stamp="$venv/.samtal-installed" installed=""
  [ -f "$stamp" ] && installed=$(cat "$stamp")
  for other in "$@"; do
    [ "${installed%% *}" = "$other" ] && lock=$other
  done
  local want
  want="$lock $(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
  [ "$installed" = "$want" ] && return 0
  echo ">> installing $lock and samtal into $venv"
  local log="$venv/.samtal-install.log"
  # --require-hashes: every file is the one the lock names. The project itself has no file to hash: it is
  # installed on its own, with the locked setuptools (--no-build-isolation) and no dependencies of its own.
  if ! {
    "$venv/bin/python" -m pip install --disable-pip-version-check --require-hashes --no-deps -r "$lock" &&
      _drop_unlocked "$venv" "$lock" &&
      "$venv/bin/python" -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
  } >"$log" 2>&1; then
    cat "$log" >&2
    echo "!! could not install into $venv (the output above is also in $log)" >&2
    return 1
  fi
  echo "$want" >"$stamp"
}

# _drop_unlocked VENV LOCK: uninstall what the lock does not pin (left over from an older lock), so that a test
# never passes only because of a package that a fresh clone would not have.
_drop_unlocked() {
  local extra
  extra=$("$1/bin/python" - "$2" <<'EOF'
import re, sys
from importlib.metadata import distributions

def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()

locked = {norm(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", open(sys.argv[1]).read(), re.M)}
installed = {norm(d.metadata["Name"]) for d in distributions()}
print(" ".join(sorted(installed - locked - {"samtal", "pip"})))
EOF
  )
  [ -z "$extra" ] || "$1/bin/python" -m pip uninstall -y $extra
}

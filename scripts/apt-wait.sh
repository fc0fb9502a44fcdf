# Sourced by the scripts that install Debian packages (ensure-chromium.sh, install-editor-tools.sh).
#
# apt_get_waiting LOG ARGS... runs `apt-get ARGS...` with its output appended to LOG, and when
# another process holds a package lock (an unattended upgrade, another install on the same
# machine), waits for it instead of failing: apt itself waits for the dpkg lock
# (DPkg::Lock::Timeout), and the locks it does not wait for (the package lists of `apt-get update`,
# the download directory) are waited for here, by trying again until APT_LOCK_TIMEOUT seconds
# (600) have passed. A failure for any other reason is returned at once. A line on stderr says
# that it waits, and another when the lock is free or when it gives up.
#
# For the tests (test/unit/robustness-apt.test.ts): APT_GET names the command to run instead of
# apt-get, APT_LOCK_POLL_SECONDS how long to wait between tries (3).

# What apt prints when a lock is held by another process, for each lock it takes.
APT_LOCK_HELD='Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock (the )?(directory|download directory|administration directory)|is another process using it'

apt_get_waiting() {
  local log=$1
  shift
  local timeout=${APT_LOCK_TIMEOUT:-600}
  local poll=${APT_LOCK_POLL_SECONDS:-3}
  local deadline=$((SECONDS + timeout))
  local waiting="" status attempt
  while true; do
    attempt=$(mktemp)
    "${APT_GET:-apt-get}" -o "DPkg::Lock::Timeout=$((deadline > SECONDS ? deadline - SECONDS : 0))" "$@" >"$attempt" 2>&1
    status=$?
    cat "$attempt" >>"$log"
    if [ "$status" = 0 ]; then
      rm -f "$attempt"
      [ -z "$waiting" ] || echo "apt-get: the package lock is free; apt-get $* done" >&2
      return 0
    fi
    if ! grep -Eq "$APT_LOCK_HELD" "$attempt"; then
      rm -f "$attempt"
      return "$status"
    fi
    rm -f "$attempt"
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "apt-get: another process still holds the package lock after ${timeout} s; giving up on apt-get $* (see $log)" >&2
      return "$status"
    fi
    if [ -z "$waiting" ]; then
      echo "apt-get: another process holds the package lock; waiting for it (up to ${timeout} s) before apt-get $*" >&2
      waiting=1
    fi
    sleep "$poll"
  done
}

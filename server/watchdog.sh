# Watchdog for the child processes of one Løsningsbanken process (see server/watchdog.ts).
# Usage: sh watchdog.sh <parent pid>, with a pipe from the parent on stdin carrying lines
#   watch <pid> <INT|TERM> <QUIT|KILL> <grace seconds> <exe path or ->
#   unwatch <pid>
# EOF on stdin means the parent is gone: every child still watched gets its clean-stop
# signal, and the escalation signal if it still runs <grace seconds> later (at most 2 min).
trap '' INT HUP
parent=$1
entries=""
while IFS=' ' read -r cmd pid sig esc grace exe; do
  case "$pid" in ''|*[!0-9]*) continue ;; esac
  case "$cmd" in
    watch)
      case "$sig" in INT|TERM) ;; *) continue ;; esac
      case "$esc" in QUIT|KILL) ;; *) continue ;; esac
      case "$grace" in ''|*[!0-9]*) continue ;; esac
      entries="$entries $pid"
      eval "w_sig_$pid=\$sig w_esc_$pid=\$esc w_grace_$pid=\$grace"
      eval "w_exe_$pid=\$exe" ;;
    unwatch)
      rest=""
      for p in $entries; do [ "$p" = "$pid" ] || rest="$rest $p"; done
      entries=$rest ;;
  esac
done
[ -n "$entries" ] || exit 0
running() {
  kill -0 "$1" 2>/dev/null || return 1
  # A zombie (exited, not reaped yet) has stopped.
  state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null)
  [ "$state" != "Z" ]
}
live=""
for p in $entries; do
  eval "sig=\$w_sig_$p exe=\$w_exe_$p"
  if [ "$exe" != "-" ] && [ -e "/proc/$p" ] && [ "$(readlink "/proc/$p/exe" 2>/dev/null)" != "$exe" ]; then continue; fi
  if running "$p" && kill -s "$sig" "$p" 2>/dev/null; then live="$live $p"; fi
done
[ -n "$live" ] || exit 0
echo "[løsningsbanken] watchdog: process $parent is gone; stopped its child process(es)$live" >&2
ticks=0
while [ -n "$live" ] && [ "$ticks" -lt 1200 ]; do
  sleep 0.1
  ticks=$((ticks + 1))
  still=""
  for p in $live; do
    if running "$p"; then
      eval "esc=\$w_esc_$p grace=\$w_grace_$p"
      [ "$ticks" -eq $((grace * 10)) ] && kill -s "$esc" "$p" 2>/dev/null
      still="$still $p"
    fi
  done
  live=$still
done

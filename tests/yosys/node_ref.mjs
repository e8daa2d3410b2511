// The reference: runs a WASI preview-1 command module under node:wasi.
//
//   node --no-warnings node_ref.mjs MODULE.wasm [--dir HOST::GUEST]... -- ARGS...
//
// ARGS are the program's arguments from argv[0] on. stdin/stdout/stderr are
// the process's; the exit status is the program's.
import fs from "node:fs";
import { WASI } from "node:wasi";

function usage() {
	process.stderr.write("usage: node node_ref.mjs MODULE.wasm [--dir HOST::GUEST]... -- ARGS...\n");
	process.exit(2);
}

const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
if (argv.length < 1 || separator < 1)
	usage();
const preopens = {};
for (let i = 1; i < separator; i += 2) {
	const grant = argv[i + 1];
	if (argv[i] !== "--dir" || i + 1 >= separator || !grant.includes("::"))
		usage();
	const [host, guest] = grant.split("::");
	preopens[guest] = host;
}

const wasi = new WASI({
	version: "preview1",
	args: argv.slice(separator + 1),
	env: {},
	preopens,
	returnOnExit: true,
});
const module = await WebAssembly.compile(fs.readFileSync(argv[0]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);

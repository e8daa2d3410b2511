// Runs a wasm32-wasi command module under node's V8 with node:wasi:
// node run_wasi.mjs PROGRAM.wasm [ARGS...]. Exit status is the program's.
import { readFile } from "node:fs/promises";
import process, { argv, exit } from "node:process";
import { WASI } from "node:wasi";

const [file, ...args] = argv.slice(2);
if (!file) {
	console.error("usage: node run_wasi.mjs PROGRAM.wasm [ARGS...]");
	exit(2);
}
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);

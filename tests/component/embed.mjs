// `jco embed` for tests: embeds the world WORLD of the WIT file WIT (its deps/ beside it) into the
// core module WASM, writing OUT. jco 1.35's own `jco embed` preopens no directory, so it cannot
// read any WIT file; this calls the same wasm-tools with the root preopened.
// usage: node embed.mjs WASM WIT WORLD OUT   (jco installed by fetch_jco.sh into tests/.cache/jco)
import { readFile, writeFile } from "node:fs/promises";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const transpile = resolve(here, "../.cache/jco/node_modules/@bytecodealliance/jco-transpile");
const { _setPreopens } = await import(`${transpile}/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js`);
const { componentEmbed } = await import(`${transpile}/dist/wasm-tools.js`);

const [wasm, wit, world, out] = process.argv.slice(2);
_setPreopens({ "/": "/" });
const output = await componentEmbed({ binary: await readFile(wasm), witPath: resolve(wit), world });
await writeFile(out, output);

// Installs @yowasp/yosys from the npm registry into DEST (once) and writes out
// the share/ files that its gen/resources-yosys.js holds.
//
//   node fetch.mjs DEST
//
// On success prints two lines and exits 0:
//   wasm=DEST/npm/node_modules/@yowasp/yosys/gen/yosys.core.wasm
//   share=DEST/share
// Exits 77 (the ctest skip code) when the registry cannot be reached or npm is
// missing, 1 on any other failure. A completed install is reused without
// network access. Used by the ctest (run_yosys.py) and by bench/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// The version the test was checked against; YOSYS_NPM_VERSION overrides it.
const VERSION = process.env.YOSYS_NPM_VERSION || "0.55.944";
const SKIP = 77;

const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT|network|proxy/i;

function fail(code, message) {
	process.stderr.write(`fetch.mjs: ${message}\n`);
	process.exit(code);
}

function installedVersion(npmDir) {
	try {
		const pkg = path.join(npmDir, "node_modules/@yowasp/yosys/package.json");
		return JSON.parse(fs.readFileSync(pkg, "utf8")).version;
	} catch {
		return null;
	}
}

// npm installs into a fresh folder that is renamed into place only when
// complete, so concurrent or interrupted runs never see half an install.
function install(dest) {
	const npmDir = path.join(dest, "npm");
	if (installedVersion(npmDir) === VERSION)
		return npmDir;
	const staging = fs.mkdtempSync(path.join(dest, "npm-staging-"));
	fs.writeFileSync(path.join(staging, "package.json"), '{"private": true}\n');
	const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-save",
		"--fetch-retries=1", "--fetch-timeout=60000", `@yowasp/yosys@${VERSION}`],
		{ cwd: staging, encoding: "utf8" });
	if (npm.error || npm.status !== 0) {
		fs.rmSync(staging, { recursive: true, force: true });
		if (npm.error && npm.error.code === "ENOENT")
			fail(SKIP, "npm is not installed");
		const output = `${npm.stdout}\n${npm.stderr}`;
		if (NETWORK_ERRORS.test(output))
			fail(SKIP, `the npm registry cannot be reached: ${output.match(NETWORK_ERRORS)[0]}`);
		fail(1, `npm install @yowasp/yosys@${VERSION} failed:\n${output.trim()}`);
	}
	fs.rmSync(npmDir, { recursive: true, force: true });
	fs.renameSync(staging, npmDir);
	return npmDir;
}

// resources-yosys.js exports `filesystem`: nested objects of directories whose
// leaves are file contents, either strings or URLs of files beside it.
function writeTree(tree, dir) {
	fs.mkdirSync(dir, { recursive: true });
	for (const [name, entry] of Object.entries(tree)) {
		if (name.includes("/") || name === "." || name === "..")
			fail(1, `unexpected file name in resources-yosys.js: ${name}`);
		const target = path.join(dir, name);
		if (typeof entry === "string")
			fs.writeFileSync(target, entry);
		else if (entry instanceof Uint8Array)
			fs.writeFileSync(target, entry);
		else if (entry instanceof URL)
			fs.copyFileSync(fileURLToPath(entry), target);
		else if (entry !== null && typeof entry === "object")
			writeTree(entry, target);
		else
			fail(1, `unexpected entry in resources-yosys.js: ${name}`);
	}
}

async function extractShare(gen, dest) {
	const share = path.join(dest, "share");
	const stamp = path.join(dest, "share.version");
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === VERSION)
		return share;
	const resources = await import(pathToFileURL(path.join(gen, "resources-yosys.js")).href);
	if (!resources.filesystem || typeof resources.filesystem.share !== "object")
		fail(1, "resources-yosys.js has no filesystem.share");
	const staging = fs.mkdtempSync(path.join(dest, "share-staging-"));
	writeTree(resources.filesystem.share, staging);
	fs.rmSync(stamp, { force: true });
	fs.rmSync(share, { recursive: true, force: true });
	fs.renameSync(staging, share);
	fs.writeFileSync(stamp, VERSION);
	return share;
}

async function main() {
	if (process.argv.length !== 3)
		fail(2, "usage: node fetch.mjs DEST");
	const dest = path.resolve(process.argv[2]);
	fs.mkdirSync(dest, { recursive: true });
	const npmDir = install(dest);
	const gen = path.join(npmDir, "node_modules/@yowasp/yosys/gen");
	const wasm = path.join(gen, "yosys.core.wasm");
	if (!fs.existsSync(wasm))
		fail(1, `${wasm} is missing from the package`);
	const share = await extractShare(gen, dest);
	process.stdout.write(`wasm=${wasm}\nshare=${share}\n`);
}

main().catch((e) => fail(1, e.stack || String(e)));

/*
 * Import and export names (Explainer.md, "Import and export definitions"):
 * kebab-case labels, the [constructor]/[method]/[static] forms, and interface
 * names `namespace:package/interface@version` with a semantic version.
 */
#include <string.h>

#include "component_decode.h"

static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* label ::= fragment ('-' fragment)*, each fragment [a-z][a-z0-9]* or [A-Z][A-Z0-9]* */
static bool label_valid(const char *s, size_t n)
{
	if (n == 0)
		return false;
	size_t i = 0;
	while (i < n) {
		bool lower = is_lower(s[i]);
		if (!lower && !is_upper(s[i]))
			return false;
		for (i++; i < n && s[i] != '-'; i++)
			if (!is_digit(s[i]) && (lower ? !is_lower(s[i]) : !is_upper(s[i])))
				return false;
		if (i < n && ++i == n)
			return false; /* a trailing '-' */
	}
	return true;
}

bool comp_label_valid(const struct wasm_name *name)
{
	return label_valid(name->str, name->len);
}

/* A numeric semver part: digits without a leading zero. */
static bool numeric(const char *s, size_t n)
{
	if (n == 0 || (n > 1 && s[0] == '0'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* Dot-separated identifiers of [0-9A-Za-z-]; numeric ones in a pre-release without leading zeros. */
static bool semver_idents(const char *s, size_t n, bool prerelease)
{
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!is_digit(s[i]) && !is_lower(s[i]) && !is_upper(s[i]) && s[i] != '-')
				return false;
			continue;
		}
		size_t len = i - start;
		if (len == 0)
			return false;
		bool all_digits = true;
		for (size_t k = start; k < i; k++)
			all_digits &= is_digit(s[k]);
		if (prerelease && all_digits && !numeric(s + start, len))
			return false;
		start = i + 1;
	}
	return true;
}

/* MAJOR.MINOR.PATCH(-prerelease)?(+build)? */
static bool semver_valid(const char *s, size_t n)
{
	size_t core = 0;
	while (core < n && s[core] != '-' && s[core] != '+')
		core++;
	size_t parts = 0, start = 0;
	for (size_t i = 0; i <= core; i++) {
		if (i < core && s[i] != '.')
			continue;
		if (!numeric(s + start, i - start) || ++parts > 3)
			return false;
		start = i + 1;
	}
	if (parts != 3)
		return false;
	if (core == n)
		return true;
	const char *plus = memchr(s + core, '+', n - core);
	size_t pre_end = plus ? (size_t)(plus - s) : n;
	if (s[core] == '-' && !semver_idents(s + core + 1, pre_end - core - 1, true))
		return false;
	return !plus || semver_idents(plus + 1, n - pre_end - 1, false);
}

/* namespace:package/interface(@version)?; nested namespaces and packages are not in WASI 0.2. */
static const char *interface_check(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	const char *at = memchr(s, '@', n);
	size_t end = at ? (size_t)(at - s) : n;
	const char *slash = memchr(s, '/', end);
	if (!colon || !slash || colon > slash)
		return "an interface name must read namespace:package/interface";
	if (!label_valid(s, (size_t)(colon - s)))
		return "the namespace of an interface name must be a kebab-case label";
	if (!label_valid(colon + 1, (size_t)(slash - colon - 1)))
		return "the package of an interface name must be a kebab-case label";
	if (!label_valid(slash + 1, end - (size_t)(slash - s) - 1))
		return "the interface of an interface name must be a kebab-case label";
	if (at && !semver_valid(at + 1, n - end - 1))
		return "the version of an interface name must be a semantic version (MAJOR.MINOR.PATCH)";
	return NULL;
}

/* [constructor]label | [method]label.label | [static]label.label | label */
static const char *plain_check(const char *s, size_t n)
{
	static const struct { const char *prefix; bool dotted; } forms[] = {
		{ "[constructor]", false }, { "[method]", true }, { "[static]", true },
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t len = strlen(forms[i].prefix);
		if (n < len || memcmp(s, forms[i].prefix, len))
			continue;
		s += len, n -= len;
		const char *dot = memchr(s, '.', n);
		if (forms[i].dotted && (!dot || !label_valid(s, (size_t)(dot - s)) ||
				!label_valid(dot + 1, n - (size_t)(dot - s) - 1)))
			return "a [method] or [static] name must read resource.function in kebab-case";
		if (!forms[i].dotted && !label_valid(s, n))
			return "a [constructor] name must name a resource in kebab-case";
		return NULL;
	}
	if (n && s[0] == '[')
		return "unknown name annotation";
	return label_valid(s, n) ? NULL : "a name must be a kebab-case label (words of a-z0-9 or A-Z0-9 joined by '-')";
}

const char *comp_name_check(const struct wasm_name *name, bool is_import)
{
	const char *s = name->str;
	size_t n = name->len;
	if (memchr(s, '=', n) || memchr(s, '<', n))
		return is_import ? "dependency, URL and hash import names are not supported yet"
				 : "an export name must be a plain or an interface name";
	if (memchr(s, ':', n) || memchr(s, '/', n) || memchr(s, '@', n))
		return interface_check(s, n);
	return plain_check(s, n);
}

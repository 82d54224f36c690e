export const id = 224;
export const ids = [224,843];
export const modules = {

/***/ 66224:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dw: () => (/* binding */ preloadPrompts),
/* harmony export */   nQ: () => (/* binding */ renderPrompt)
/* harmony export */ });
/* unused harmony exports setPromptsDir, promptsDir, loadPrompt, promptVariables */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Prompt templates: `prompts/<name>.md` at the action root, with `{{variable}}` placeholders.
 * A template that needs a variable the caller did not give, or a variable the template does not
 * use, is an error — prompts never silently lose or ignore context (STYLE.md habit 8).
 */



/**
 * `src/prompts.ts` and the bundled `dist/*.js` are both one level below the action root. (Not
 * `new URL('../prompts/', import.meta.url)`: webpack/ncc would treat that as an asset to bundle.)
 */
const DEFAULT_DIR = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url)), '..', 'prompts');
let overrideDir;
const cache = new Map();
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;
/** Sets (or with `undefined` clears) a directory searched instead of the action's `prompts/`. */
function setPromptsDir(dir) {
    overrideDir = dir;
}
/** The directory templates are read from. */
function promptsDir() {
    return overrideDir ?? DEFAULT_DIR;
}
/**
 * Reads every template of the prompts directory into the cache. Called before the first command
 * the model causes (src/orchestrator/sandbox.ts): the templates are then never read from disk
 * again in this run, whatever happens to the directory (it is also hidden from the sandbox).
 * @returns the names loaded
 */
function preloadPrompts(dir = promptsDir()) {
    const names = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3));
    for (const n of names)
        loadPrompt(n, dir);
    return names;
}
/** Template text (cached per path). @throws Error when the file is missing or the name is malformed */
function loadPrompt(name, dir = promptsDir()) {
    if (!NAME.test(name))
        throw new Error(`prompt name "${name}" is not a plain name like "coder" or "roles/coder"`);
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, `${name}.md`);
    let text = cache.get(path);
    if (text === undefined) {
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
        }
        catch (e) {
            throw new Error(`prompt "${name}" not found at ${path}: ${e.message}`);
        }
        cache.set(path, text);
    }
    return text;
}
/** Placeholder names a template uses, in first-use order. */
function promptVariables(template) {
    return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}
/**
 * Renders `prompts/<name>.md`, replacing each `{{var}}` with `vars[var]` (values are inserted as
 * they are; `{{` in a value is not expanded).
 *
 * @param opts.dir read the template from this directory instead (tests, a checked-out action)
 * @throws Error listing the missing variables, or the provided ones the template does not use
 */
function renderPrompt(name, vars, opts = {}) {
    const template = loadPrompt(name, opts.dir);
    const used = promptVariables(template);
    const missing = used.filter((v) => !Object.hasOwn(vars, v));
    if (missing.length)
        throw new Error(`prompt "${name}": missing variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    const unused = Object.keys(vars).filter((v) => !used.includes(v));
    if (unused.length) {
        throw new Error(`prompt "${name}": variable${unused.length > 1 ? 's' : ''} ${unused.join(', ')} not used by the template`);
    }
    return template.replace(PLACEHOLDER, (_m, v) => vars[v]);
}


/***/ })

};
